package org.cityedge.console.http;

import java.util.Optional;

import org.cityedge.console.http.Router.Access;
import org.cityedge.console.security.ConsoleSecurity;
import org.cityedge.console.security.CsrfCheck;
import org.cityedge.console.security.SessionStore.Session;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;

/** Decides who a request comes from and whether it may do what it asks (docs/console/http-api.md, Authentication). */
public final class Authenticator {

    public static final String COOKIE = "cityedge_session";

    private final ConsoleSecurity security;

    public Authenticator(ConsoleSecurity security) {
        this.security = security;
    }

    /** The caller, or a 401/403 refusal. Changes must pass the Origin check whoever sends them. */
    public Caller authenticate(HttpServletRequest request, Access access) throws ApiException {
        String method = request.getMethod();
        boolean safe = CsrfCheck.safe(method);
        if (!safe && !CsrfCheck.originAllowed(request.getHeader("Origin"), request.getHeader("Host"))) {
            throw csrfFailed();
        }
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return bearer(request, authorization.substring(7));
        }
        Session session = sessionOf(request).orElse(null);
        if (session != null && !safe && access != Access.OPEN
                && !CsrfCheck.tokenMatches(session.csrfToken(), request.getHeader(CsrfCheck.HEADER))) {
            throw csrfFailed();
        }
        if (access == Access.AUTHENTICATED && session == null) {
            throw new ApiException(401, "login required");
        }
        return new Caller(session, false);
    }

    private Caller bearer(HttpServletRequest request, String token) throws ApiException {
        if (!fromTheGatewayItself(request.getRemoteAddr(), request.getLocalAddr())) {
            throw new ApiException(401, "a bearer token is accepted from the gateway itself only: log in with the"
                    + " console password");
        }
        if (!security.cliTokenMatches(token)) {
            throw new ApiException(401, "bad token: read it again from <state>/console/cli-token (it changes at"
                    + " every start)");
        }
        return new Caller(null, true);
    }

    /** The live session named by the request's cookie, its idle time restarted. */
    public Optional<Session> sessionOf(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        for (Cookie c : cookies) {
            if (COOKIE.equals(c.getName())) {
                Optional<Session> s = security.sessions().touch(c.getValue());
                if (s.isPresent()) {
                    return s;
                }
            }
        }
        return Optional.empty();
    }

    private static ApiException csrfFailed() {
        return new ApiException(403, "CSRF check failed");
    }

    /**
     * True for a connection from the gateway to itself: from a loopback address (127.0.0.0/8, ::1, also
     * IPv4-mapped), or from the very address it arrived on - what the kernel picks when the CLI on the gateway
     * connects to the console bound to a LAN interface (e.g. eth1's 192.168.50.1). Over TCP that source cannot be
     * spoofed: the handshake's answer would go to the gateway itself. Never resolves a name.
     */
    static boolean fromTheGatewayItself(String remoteAddress, String localAddress) {
        return IpLiterals.loopback(remoteAddress) || IpLiterals.same(remoteAddress, localAddress);
    }
}
