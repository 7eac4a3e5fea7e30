package org.cityedge.console.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/** IP address literals as servlet containers and Host headers write them, parsed without ever asking DNS. */
final class IpLiterals {

    // IPv4 dotted quads, or anything with a colon (InetAddress parses that as an IPv6 literal, never via DNS)
    private static final Pattern IP_LITERAL =
            Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}|\\[?[0-9A-Fa-f:.]*:[0-9A-Fa-f:.%\\w]*\\]?");

    private IpLiterals() {
    }

    /** The address of a literal ({@code 10.0.0.1}, {@code ::1}, {@code [::1]}); empty for names and junk. */
    static Optional<InetAddress> parse(String text) {
        if (text == null || !IP_LITERAL.matcher(text).matches()) {
            return Optional.empty();
        }
        String literal = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        try {
            return Optional.of(InetAddress.getByName(literal));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** True for 127.0.0.0/8 and ::1 (also IPv4-mapped). */
    static boolean loopback(String text) {
        return parse(text).map(InetAddress::isLoopbackAddress).orElse(false);
    }

    /** True when both are literals of the same address ({@code ::1} and {@code 0:0:0:0:0:0:0:1} are). */
    static boolean same(String a, String b) {
        Optional<InetAddress> x = parse(a);
        return x.isPresent() && x.equals(parse(b));
    }
}
