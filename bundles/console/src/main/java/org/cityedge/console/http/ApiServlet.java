package org.cityedge.console.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.cityedge.console.http.Router.Match;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The HTTP API under {@code /api}: checks the Host ({@link HostCheck}), routes, authenticates, runs the handler and
 * writes JSON. Every refusal (4xx) is counted; an unexpected failure is a 500 with a message and a log line, never a
 * stack trace to the client.
 */
public final class ApiServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ApiServlet.class);

    private final transient Router router;
    private final transient Authenticator authenticator;
    private final transient Refusals refusals;

    public ApiServlet(Router router, Authenticator authenticator, Refusals refusals) {
        this.router = router;
        this.authenticator = authenticator;
        this.refusals = refusals;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        SecurityHeaders.apply(response);
        response.setHeader("Cache-Control", "no-store");
        String path = request.getPathInfo() == null ? "/" : request.getPathInfo();
        Reply reply;
        try {
            String misdirected = HostCheck.problem(request);
            if (misdirected != null) {
                throw new ApiException(HostCheck.STATUS, misdirected);
            }
            Match match = router.match(request.getMethod(), path);
            Caller caller = authenticator.authenticate(request, match.route().access());
            reply = match.route().handler().handle(
                    new Exchange(request, match.params(), caller, match.route().maxBodyBytes()));
        } catch (ApiException e) {
            reply = e.reply();
        } catch (RuntimeException e) {
            LOG.warn("console: {} {} failed", request.getMethod(), path, e);
            reply = new ApiException(500, "internal error: " + e).reply();
        }
        if (reply.status() >= 400 && reply.status() < 500) {
            refusals.count(reply.status());
        }
        write(request, response, reply);
    }

    private static void write(HttpServletRequest request, HttpServletResponse response, Reply reply)
            throws IOException {
        response.setStatus(reply.status());
        for (Map.Entry<String, String> h : reply.headers().entrySet()) {
            response.addHeader(h.getKey(), h.getValue());
        }
        if (reply.body() == null) {
            return;
        }
        byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
        response.setContentType("application/json;charset=utf-8");
        response.setContentLength(bytes.length);
        if (!"HEAD".equals(request.getMethod())) {
            response.getOutputStream().write(bytes);
        }
    }
}
