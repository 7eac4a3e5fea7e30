package org.cityedge.console.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Routes {@code METHOD /path/{param}} to handlers; an unknown path is a 404, a known path with another method 405. */
public final class Router {

    /** What a route asks of the caller. */
    public enum Access {
        /** Anybody (login): no session needed, no CSRF token asked. */
        OPEN,
        /** Anybody, but a session cookie, when valid, must come with its CSRF token (logout, session). */
        SESSION_AWARE,
        /** A session (with its CSRF token for changes) or the CLI's bearer token. */
        AUTHENTICATED
    }

    @FunctionalInterface
    public interface Handler {
        Reply handle(Exchange exchange) throws ApiException;
    }

    public record Route(String method, String pattern, Access access, Handler handler, int maxBodyBytes) {
    }

    public record Match(Route route, Map<String, String> params) {
    }

    /** Largest body of an ordinary request. */
    public static final int DEFAULT_MAX_BODY = 256 * 1024;

    private final List<Route> routes = new ArrayList<>();

    public Router add(String method, String pattern, Access access, Handler handler) {
        return add(method, pattern, access, handler, DEFAULT_MAX_BODY);
    }

    public Router add(String method, String pattern, Access access, Handler handler, int maxBodyBytes) {
        routes.add(new Route(method, pattern, access, handler, maxBodyBytes));
        return this;
    }

    /** The route for a request; HEAD is answered as GET. */
    public Match match(String method, String path) throws ApiException {
        String m = "HEAD".equals(method) ? "GET" : method;
        String[] segments = split(path);
        Set<String> allowed = new LinkedHashSet<>();
        for (Route r : routes) {
            Map<String, String> params = bind(split(r.pattern()), segments);
            if (params == null) {
                continue;
            }
            if (r.method().equals(m)) {
                return new Match(r, params);
            }
            allowed.add(r.method());
        }
        if (allowed.isEmpty()) {
            throw ApiException.notFound("no such resource: " + path);
        }
        if (allowed.contains("GET")) {
            allowed.add("HEAD");
        }
        return throwMethodNotAllowed(method, path, allowed);
    }

    private static Match throwMethodNotAllowed(String method, String path, Set<String> allowed) throws ApiException {
        throw new ApiException(405, method + " is not allowed on " + path + " (allowed: " + String.join(", ", allowed)
                + ")").header("Allow", String.join(", ", allowed));
    }

    private static String[] split(String path) {
        String p = path == null ? "" : path;
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        if (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p.isEmpty() ? new String[0] : p.split("/", -1);
    }

    private static Map<String, String> bind(String[] pattern, String[] segments) {
        if (pattern.length != segments.length) {
            return null;
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < pattern.length; i++) {
            String p = pattern[i];
            if (p.startsWith("{") && p.endsWith("}")) {
                if (segments[i].isEmpty()) {
                    return null;
                }
                params.put(p.substring(1, p.length() - 1), segments[i]);
            } else if (!p.equals(segments[i])) {
                return null;
            }
        }
        return params;
    }
}
