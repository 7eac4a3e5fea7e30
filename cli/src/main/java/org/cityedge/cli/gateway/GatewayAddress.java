package org.cityedge.cli.gateway;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where the gateway's console is, and whether that is this machine's own gateway. The URL is {@code --gateway} or
 * {@code CITYEDGE_GATEWAY} when given, else the one the console writes to {@code <state>/console/url} (where it
 * listens, or will once woken, e.g. {@code http://192.168.50.1:8080} after {@code console listen --interface eth1}),
 * else {@value #DEFAULT}. It is "this gateway" - the CLI token may be sent to it and a sleeping console woken - when
 * its host is a loopback address or when it is the URL of that file: a file only the gateway writes, under the same
 * state directory as the token.
 *
 * @param base  the console's base URL, without a trailing slash
 * @param local true when the URL is this machine's own gateway
 */
public record GatewayAddress(URI base, boolean local) {

    public static final String DEFAULT = "http://127.0.0.1:8080";
    /** The console's URL file, next to the CLI token. */
    public static final String URL_FILE = "url";
    // IPv4 dotted quads, or anything with a colon (InetAddress parses that as an IPv6 literal, never via DNS)
    private static final Pattern IP_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    /**
     * @param given   {@code --gateway}, else {@code CITYEDGE_GATEWAY}; null or blank when neither is given
     * @param urlFile the console's URL file ({@code <state>/console/url}); missing or unreadable: not used
     * @throws Failure a usage error when the given URL is not {@code http(s)://host[:port]}
     */
    public static GatewayAddress resolve(String given, Path urlFile) {
        Optional<URI> written = readUrlFile(urlFile);
        if (given != null && !given.isBlank()) {
            URI uri = parse(given);
            return new GatewayAddress(uri, loopback(uri.getHost()) || written.map(uri::equals).orElse(false));
        }
        return written.map(uri -> new GatewayAddress(uri, true))
                .orElseGet(() -> new GatewayAddress(parse(DEFAULT), true));
    }

    /** The URL the console wrote, when the file holds one. */
    static Optional<URI> readUrlFile(Path urlFile) {
        try {
            String text = Files.readString(urlFile, StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? Optional.empty() : Optional.of(parse(text));
        } catch (IOException | SecurityException | Failure e) {
            return Optional.empty();
        }
    }

    static URI parse(String text) {
        try {
            URI uri = new URI(text.strip().replaceAll("/+$", ""));
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw Failure.usage("the gateway URL " + text + " is not http://host:port");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw Failure.usage("the gateway URL " + text + " is not a URL (" + e.getReason() + ")");
        }
    }

    /** {@code localhost}, or a loopback address literal (127.0.0.0/8, ::1); other names are never resolved. */
    static boolean loopback(String host) {
        if (host == null) {
            return false;
        }
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (h.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!IP_LITERAL.matcher(h).matches()) {
            return false;
        }
        try {
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
