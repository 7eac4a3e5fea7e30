package org.cityedge.console.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;

/**
 * The checks that keep another web site from acting through a technician's logged-in browser: a request that
 * changes something and carries the session cookie must also carry the session's CSRF token (a header no other
 * origin can set or read), and a browser's {@code Origin}, when sent, must be the console's own. The cookie is
 * SameSite=Strict as well; these checks hold where that is not enforced.
 */
public final class CsrfCheck {

    public static final String HEADER = "X-CSRF-Token";

    private CsrfCheck() {
    }

    /** Methods that change nothing and need no token. */
    public static boolean safe(String method) {
        return "GET".equals(method) || "HEAD".equals(method);
    }

    /** True when the given token is the session's, compared in constant time. */
    public static boolean tokenMatches(String expected, String given) {
        if (expected == null || given == null) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                given.strip().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * True when the request's origin is acceptable: none sent (not a cross-origin browser request: the CLI, or a
     * same-origin GET), or exactly {@code http://<Host header>}.
     */
    public static boolean originAllowed(String origin, String host) {
        if (origin == null) {
            return true;
        }
        if (host == null || host.isBlank()) {
            return false;
        }
        return origin.strip().toLowerCase(Locale.ROOT).equals("http://" + host.strip().toLowerCase(Locale.ROOT));
    }
}
