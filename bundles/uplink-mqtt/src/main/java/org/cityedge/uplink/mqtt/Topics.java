package org.cityedge.uplink.mqtt;

/**
 * The topic tree, version 1: {@code cityedge/v1/{site}/{gatewayId}/...}. The site segment lets a district IOC
 * subscribe to its own district ({@code cityedge/v1/district-7/#}) while the city takes all.
 */
record Topics(String site, String gatewayId) {

    static final String ROOT = "cityedge/v1/";

    Topics {
        requireLevel("site", site);
        requireLevel("gatewayId", gatewayId);
    }

    /** True when the text can stand as one topic level. */
    static boolean isLevel(String s) {
        return s != null && !s.isEmpty() && s.indexOf('/') < 0 && s.indexOf('+') < 0 && s.indexOf('#') < 0
                && s.indexOf('\0') < 0 && !s.startsWith("$");
    }

    private static void requireLevel(String what, String s) {
        if (!isLevel(s)) {
            throw new IllegalArgumentException(what + " '" + s + "' cannot be a topic level (empty, '/', '+', '#')");
        }
    }

    String prefix() {
        return ROOT + site + "/" + gatewayId + "/";
    }

    String of(String suffix) {
        return prefix() + suffix;
    }

    String state() {
        return of("state");
    }

    static String telemetrySuffix(String deviceId) {
        return "telemetry/" + deviceId;
    }

    static String eventSuffix(String deviceId) {
        return "event/" + deviceId;
    }

    static final String HEALTH_SUFFIX = "health";
}
