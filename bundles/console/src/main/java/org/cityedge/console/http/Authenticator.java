package org.cityedge.console.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

import org.cityedge.console.http.Router.Access;
import org.cityedge.console.security.ConsoleSecurity;
import org.cityedge.console.security.CsrfCheck;
import org.cityedge.console.security.SessionStore.Session;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;

/** Decides who a request comes from and whether it may do what it asks (docs/console/http-api.md, Authentication). */
public final class Authenticator {

    public static final String COOKIE = "cityedge_session";
    // IPv4 dotted quads, or anything with a colon (InetAddress parses that as an IPv6 literal, never via DNS)
    private static final Pattern IP_LITERAL =
            Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}|\\[?[0-9A-Fa-f:.]*:[0-9A-Fa-f:.%\\w]*\\]?");

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
        if (!loopback(request.getRemoteAddr())) {
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

    /** True for 127.0.0.0/8 and ::1 (also IPv4-mapped); never resolves a name. */
    static boolean loopback(String remoteAddress) {
        if (remoteAddress == null || !IP_LITERAL.matcher(remoteAddress).matches()) {
            return false;
        }
        try {
            String literal = remoteAddress.startsWith("[") && remoteAddress.endsWith("]")
                    ? remoteAddress.substring(1, remoteAddress.length() - 1) : remoteAddress;
            return InetAddress.getByName(literal).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
