package org.cityedge.console.http;

import jakarta.servlet.http.HttpServletResponse;

/** Headers every console response carries. */
public final class SecurityHeaders {

    /**
     * Only the console's own files: no inline script or style, no framing, no base or form target elsewhere. All
     * JavaScript therefore lives in files (static/*.js).
     */
    public static final String CSP = "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    private SecurityHeaders() {
    }

    public static void apply(HttpServletResponse response) {
        response.setHeader("Content-Security-Policy", CSP);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", "no-referrer");
    }
}
