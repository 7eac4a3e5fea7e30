package org.cityedge.console.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The console's pages: flat files of the bundle's {@code static/} folder. Only plain names ({@code app.js}, no
 * folders, no dots beyond the extension) of known types are served, so no request can reach another file of the
 * bundle or of the disk. A request naming a foreign Host is refused like the API's ({@link HostCheck}). Files are
 * cached in memory with an ETag; browsers revalidate ({@code no-cache}), so a firmware update shows at once.
 */
public final class StaticServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final String FOLDER = "static/";
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}\\.(html|css|js|svg)");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html;charset=utf-8",
            "css", "text/css;charset=utf-8",
            "js", "text/javascript;charset=utf-8",
            "svg", "image/svg+xml");

    private record File(byte[] bytes, String type, String etag) {
    }

    private final transient ClassLoader loader;
    private final transient Refusals refusals;
    private final transient Map<String, File> cache = new ConcurrentHashMap<>(); // hits only: misses stay out

    /** @param refusals counts the requests refused for a foreign Host (the API's count) */
    public StaticServlet(Refusals refusals) {
        this(StaticServlet.class.getClassLoader(), refusals);
    }

    StaticServlet(ClassLoader loader, Refusals refusals) {
        this.loader = loader;
        this.refusals = refusals;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        SecurityHeaders.apply(response);
        String misdirected = HostCheck.problem(request);
        if (misdirected != null) {
            refusals.count(HostCheck.STATUS);
            byte[] text = (misdirected + "\n").getBytes(StandardCharsets.UTF_8);
            response.setStatus(HostCheck.STATUS);
            response.setHeader("Cache-Control", "no-store");
            response.setContentType("text/plain;charset=utf-8");
            response.setContentLength(text.length);
            response.getOutputStream().write(text);
            return;
        }
        String method = request.getMethod();
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            response.setHeader("Allow", "GET, HEAD");
            response.sendError(405);
            return;
        }
        Optional<File> file = fileName(request.getRequestURI(), request.getContextPath()).flatMap(this::load);
        if (file.isEmpty()) {
            response.sendError(404);
            return;
        }
        File f = file.get();
        response.setHeader("Cache-Control", "no-cache");
        response.setHeader("ETag", f.etag());
        if (f.etag().equals(request.getHeader("If-None-Match"))) {
            response.setStatus(304);
            return;
        }
        response.setContentType(f.type());
        response.setContentLength(f.bytes().length);
        if ("GET".equals(method)) {
            response.getOutputStream().write(f.bytes());
        }
    }

    /**
     * The file a request asks for, judged on the raw URI (before any decoding): {@code /} is the index, otherwise
     * exactly one plain file name; everything else (folders, {@code ..}, encoded characters) is refused.
     */
    static Optional<String> fileName(String rawUri, String contextPath) {
        if (rawUri == null) {
            return Optional.empty();
        }
        String path = contextPath != null && !contextPath.isEmpty() && rawUri.startsWith(contextPath)
                ? rawUri.substring(contextPath.length()) : rawUri;
        if (path.equals("/") || path.isEmpty()) {
            return Optional.of("index.html");
        }
        String name = path.substring(1);
        return path.startsWith("/") && NAME.matcher(name).matches() ? Optional.of(name) : Optional.empty();
    }

    private Optional<File> load(String name) {
        return Optional.ofNullable(cache.computeIfAbsent(name, n -> {
            try (InputStream in = loader.getResourceAsStream(FOLDER + n)) {
                if (in == null) {
                    return null;
                }
                byte[] bytes = in.readAllBytes();
                String ext = n.substring(n.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
                return new File(bytes, TYPES.get(ext), etag(bytes));
            } catch (IOException e) {
                return null;
            }
        }));
    }

    private static String etag(byte[] bytes) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(bytes);
            return '"' + HexFormat.of().formatHex(d, 0, 12) + '"';
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
