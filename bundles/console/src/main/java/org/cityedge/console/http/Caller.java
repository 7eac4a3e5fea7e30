package org.cityedge.console.http;

import org.cityedge.console.security.SessionStore.Session;

/**
 * Who sent a request.
 *
 * @param session the browser session, or null
 * @param cli     true for the CLI's bearer token (from loopback)
 */
public record Caller(Session session, boolean cli) {

    public static final Caller ANONYMOUS = new Caller(null, false);

    public boolean authenticated() {
        return cli || session != null;
    }

    /** The session id, or null. */
    public String sessionId() {
        return session == null ? null : session.id();
    }
}
