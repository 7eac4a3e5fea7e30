package org.cityedge.provisioning.internal.settings;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks Metatype cannot express, made before a setting is written: a broker URL the uplink can connect to, files
 * that exist, port numbers, and the console's password hash format.
 */
public final class SettingRules {

    public static final String UPLINK_PID = "org.cityedge.uplink.mqtt";
    public static final String CONSOLE_PID = "org.cityedge.console";
    /** Keys that name a file the component reads. */
    public static final Set<String> FILE_KEYS = Set.of("caFile", "certFile", "keyFile", "pskFile", "publicKeyFile");
    private static final Set<String> BROKER_SCHEMES = Set.of("tcp", "ssl", "ws", "wss");
    private static final Pattern PASSWORD_HASH = Pattern.compile(
            "pbkdf2-sha256\\$(\\d{1,9})\\$([A-Za-z0-9+/]+={0,2})\\$([A-Za-z0-9+/]+={0,2})");

    private SettingRules() {
    }

    /** Problems of one non-empty value (a string, or the elements of an array). */
    public static List<SettingProblem> check(String pid, String key, Object value) {
        List<SettingProblem> problems = new ArrayList<>();
        for (String text : SettingText.elements(value)) {
            String problem = checkOne(pid, key, text);
            if (problem != null) {
                problems.add(new SettingProblem(key, problem));
            }
        }
        return problems;
    }

    private static String checkOne(String pid, String key, String text) {
        if (UPLINK_PID.equals(pid) && "brokerUrl".equals(key)) {
            return brokerUrl(text);
        }
        if (FILE_KEYS.contains(key)) {
            return readableFile(text);
        }
        if ("port".equals(key) || key.endsWith("Port")) {
            return port(text);
        }
        if (CONSOLE_PID.equals(pid) && "passwordHash".equals(key)) {
            return passwordHash(text);
        }
        return null;
    }

    static String brokerUrl(String text) {
        try {
            URI uri = new URI(text);
            if (uri.getScheme() == null || !BROKER_SCHEMES.contains(uri.getScheme())) {
                return "'" + text + "': the scheme must be tcp://, ssl://, ws:// or wss://";
            }
            if (uri.getHost() == null || uri.getHost().isEmpty()) {
                return "'" + text + "': no host (expected e.g. ssl://broker.example:8883)";
            }
            if (uri.getPort() < 1 || uri.getPort() > 65535) {
                return "'" + text + "': no port 1..65535 (expected e.g. ssl://" + uri.getHost() + ":8883)";
            }
            return null;
        } catch (URISyntaxException e) {
            return "'" + text + "' is not a URL: " + e.getMessage();
        }
    }

    static String readableFile(String text) {
        try {
            Path path = Path.of(text);
            if (!Files.isRegularFile(path)) {
                return text + ": no such file";
            }
            if (!Files.isReadable(path)) {
                return text + ": not readable";
            }
            return null;
        } catch (InvalidPathException e) {
            return text + ": not a file path: " + e.getMessage();
        }
    }

    static String port(String text) {
        try {
            int port = Integer.parseInt(text.strip());
            return port >= 1 && port <= 65535 ? null : "port " + port + " is outside 1..65535";
        } catch (NumberFormatException e) {
            return "'" + text + "' is not a port number (1..65535)";
        }
    }

    static String passwordHash(String text) {
        Matcher m = PASSWORD_HASH.matcher(text);
        if (!m.matches() || Long.parseLong(m.group(1)) < 1) {
            return "not a password hash (expected pbkdf2-sha256$<iterations>$<salt base64>$<hash base64>)";
        }
        try {
            Base64.getDecoder().decode(m.group(2));
            Base64.getDecoder().decode(m.group(3));
            return null;
        } catch (IllegalArgumentException e) {
            return "not a password hash: salt or hash is not base64";
        }
    }
}
