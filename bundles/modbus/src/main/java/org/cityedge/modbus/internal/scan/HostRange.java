package org.cityedge.modbus.internal.scan;

/**
 * Consecutive IPv4 addresses for a host scan, checked strictly: four decimal numbers 0-255, no names (a scan never
 * waits for DNS), the last not before the first, and no more hosts than a commissioning scan may cover.
 *
 * @param first the first address as an unsigned 32-bit number
 * @param size  how many hosts, at least 1
 */
public record HostRange(long first, int size) {

    /**
     * @throws IllegalArgumentException naming the field ({@code firstHost} or {@code lastHost}) that is wrong
     */
    public static HostRange of(String firstHost, String lastHost, int maxHosts) {
        long first = parse("firstHost", firstHost);
        long last = parse("lastHost", lastHost);
        if (last < first) {
            throw new IllegalArgumentException("lastHost " + lastHost + " comes before firstHost " + firstHost);
        }
        long size = last - first + 1;
        if (size > maxHosts) {
            throw new IllegalArgumentException("lastHost: " + firstHost + ".." + lastHost + " is " + size
                    + " hosts; one scan covers at most " + maxHosts);
        }
        return new HostRange(first, (int) size);
    }

    /** The {@code i}-th address (0-based) in dotted form. */
    public String host(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException(i);
        }
        long a = first + i;
        return (a >>> 24) + "." + ((a >>> 16) & 0xFF) + "." + ((a >>> 8) & 0xFF) + "." + (a & 0xFF);
    }

    private static long parse(String field, String text) {
        String[] parts = text == null ? new String[0] : text.strip().split("\\.", -1);
        long value = 0;
        boolean valid = parts.length == 4;
        for (int i = 0; valid && i < 4; i++) {
            String p = parts[i];
            valid = !p.isEmpty() && p.length() <= 3 && p.chars().allMatch(c -> c >= '0' && c <= '9')
                    && Integer.parseInt(p) <= 255;
            value = valid ? (value << 8) | Integer.parseInt(p) : value;
        }
        if (!valid) {
            throw new IllegalArgumentException(field + " '" + text + "' is not an IPv4 address (four numbers 0-255, "
                    + "e.g. 10.20.0.10)");
        }
        return value;
    }
}
