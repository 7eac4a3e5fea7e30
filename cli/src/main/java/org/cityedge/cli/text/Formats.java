package org.cityedge.cli.text;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;

/** Times, durations, sizes and line settings written the same way everywhere. */
public final class Formats {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    private Formats() {
    }

    /** An epoch-millisecond time in this computer's zone; 0 or absent as {@code -}. */
    public static String time(JsonNode epochMillis) {
        if (epochMillis == null || !epochMillis.isNumber() || epochMillis.asLong() <= 0) {
            return "-";
        }
        return TIME.format(Instant.ofEpochMilli(epochMillis.asLong()).atZone(ZoneId.systemDefault()));
    }

    /** A duration for a person: {@code 850 ms}, {@code 42 s}, {@code 3m 05s}, {@code 2h 10m}. */
    public static String duration(long millis) {
        if (millis < 1_000) {
            return Math.max(0, millis) + " ms";
        }
        long seconds = millis / 1_000;
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3_600) {
            return String.format(Locale.ROOT, "%dm %02ds", seconds / 60, seconds % 60);
        }
        return String.format(Locale.ROOT, "%dh %02dm", seconds / 3_600, seconds % 3_600 / 60);
    }

    /** A size in bytes, e.g. {@code 512 B}, {@code 3.4 kB}, {@code 64.0 MB}. */
    public static String bytes(long bytes) {
        if (bytes < 1_000) {
            return bytes + " B";
        }
        if (bytes < 1_000_000) {
            return String.format(Locale.ROOT, "%.1f kB", bytes / 1e3);
        }
        if (bytes < 1_000_000_000) {
            return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
        }
        return String.format(Locale.ROOT, "%.1f GB", bytes / 1e9);
    }

    /** A serial line setting the way technicians write it: {@code 9600 8E1}. */
    public static String lineSetting(int baud, String parity, int stopBits) {
        String p = parity == null || parity.isEmpty() ? "N" : parity.substring(0, 1).toUpperCase(Locale.ROOT);
        return baud + " 8" + p + stopBits;
    }

    /** A JSON value as plain text: strings unquoted, arrays comma-separated, absent as {@code -}. */
    public static String value(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return "-";
        }
        if (node.isArray()) {
            StringBuilder text = new StringBuilder();
            node.forEach(n -> text.append(text.length() == 0 ? "" : ",").append(value(n)));
            return text.toString();
        }
        return node.isValueNode() ? node.asText() : node.toString();
    }
}
