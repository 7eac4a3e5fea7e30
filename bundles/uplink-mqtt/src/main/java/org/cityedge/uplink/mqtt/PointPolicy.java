package org.cityedge.uplink.mqtt;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * When a point is worth publishing: on change beyond a deadband, with a heartbeat so a quiet point still shows it
 * is alive. Parsed from {@code pointGlob=deadband/heartbeatSeconds}; the glob knows {@code *} and {@code ?}.
 *
 * @param glob             the point names it applies to
 * @param deadband         smallest absolute change of a number that is published; 0: any change
 * @param heartbeatMillis  longest time without publishing the point; 0: no heartbeat
 */
record PointPolicy(String glob, double deadband, long heartbeatMillis) {

    /** Parses the configured entries; a bad entry is reported in {@code problems} and skipped. */
    static List<PointPolicy> parse(List<String> entries, List<String> problems) {
        List<PointPolicy> out = new ArrayList<>();
        for (String entry : entries) {
            String e = entry.trim();
            if (e.isEmpty()) {
                continue;
            }
            try {
                int eq = e.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("expected pointGlob=deadband/heartbeatSeconds");
                }
                String glob = e.substring(0, eq).trim();
                String[] parts = e.substring(eq + 1).trim().split("/", -1);
                double deadband = Double.parseDouble(parts[0].trim());
                long heartbeat = parts.length > 1 ? Long.parseLong(parts[1].trim()) * 1000 : 0;
                if (deadband < 0 || heartbeat < 0 || parts.length > 2 || Double.isNaN(deadband)) {
                    throw new IllegalArgumentException("deadband and heartbeat must be numbers >= 0");
                }
                out.add(new PointPolicy(glob, deadband, heartbeat));
            } catch (IllegalArgumentException ex) { // NumberFormatException too
                problems.add("pointPolicies: '" + entry + "': " + ex.getMessage());
            }
        }
        return out;
    }

    boolean matches(String point) {
        return toRegex(glob).matcher(point).matches();
    }

    private static Pattern toRegex(String glob) {
        StringBuilder re = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> re.append(".*");
                case '?' -> re.append('.');
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString());
    }
}
