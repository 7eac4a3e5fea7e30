package org.cityedge.console.http;

import java.util.Locale;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The DNS-rebinding guard: a browser sends whatever name its page came from in {@code Host}, so a site whose name
 * was made to resolve to the gateway would otherwise be "same origin" with the console. Only requests naming the
 * console by the address and port the connection arrived on, or by a loopback name with that port, are served;
 * others are answered {@value #STATUS} (Misdirected Request).
 */
public final class HostCheck {

    public static final int STATUS = 421;
    private static final Set<String> LOOPBACK_NAMES = Set.of("127.0.0.1", "localhost", "[::1]");

    private HostCheck() {
    }

    /** Null when the request's Host names this console; else why not, for the error body. */
    public static String problem(HttpServletRequest request) {
        return problem(request.getHeader("Host"), request.getLocalAddr(), request.getLocalPort());
    }

    static String problem(String host, String localAddress, int localPort) {
        String expected = "http://" + hostPart(localAddress) + ":" + localPort;
        if (host == null || host.isBlank()) {
            return "misdirected request: no Host header (use " + expected + ")";
        }
        if (!accepted(host.strip().toLowerCase(Locale.ROOT), localAddress, localPort)) {
            return "misdirected request: Host '" + host.strip() + "' is not this console's address (use " + expected
                    + ")";
        }
        return null;
    }

    private static boolean accepted(String host, String localAddress, int localPort) {
        String name;
        int port;
        int colon = host.lastIndexOf(':');
        if (colon > host.lastIndexOf(']') && colon >= 0) {
            name = host.substring(0, colon);
            String digits = host.substring(colon + 1);
            if (!digits.matches("\\d{1,5}")) {
                return false;
            }
            port = Integer.parseInt(digits);
        } else {
            name = host;
            port = 80;
        }
        if (port != localPort || (name.indexOf(':') >= 0 && !name.startsWith("["))) {
            return false; // a bare IPv6 address without brackets is no valid Host
        }
        return LOOPBACK_NAMES.contains(name) || IpLiterals.same(name, localAddress);
    }

    private static String hostPart(String address) {
        return address != null && address.indexOf(':') >= 0 ? "[" + address + "]" : address;
    }
}
