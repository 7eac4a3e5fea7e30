package org.cityedge.provisioning.internal.settings;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.cityedge.provisioning.internal.files.FileDirectories;

/**
 * Checks Metatype cannot express, made before a setting is written: a broker URL the uplink can connect to, files
 * that exist under the state or configuration directory (an export carries them), and port numbers. A format only
 * one component knows (the console's password hash) is that component's {@code SettingCheck}.
 */
public final class SettingRules {

    public static final String UPLINK_PID = "org.cityedge.uplink.mqtt";
    /** Keys that name a file the component reads. */
    public static final Set<String> FILE_KEYS = Set.of("caFile", "certFile", "keyFile", "pskFile", "publicKeyFile");
    /** The one file key that may name a private key. */
    static final String KEY_FILE = "keyFile";
    private static final Set<String> BROKER_SCHEMES = Set.of("tcp", "ssl", "ws", "wss");

    private SettingRules() {
    }

    /**
     * Problems of one non-empty value (a string, or the elements of an array).
     *
     * @param files where a file-valued setting may name a file
     */
    public static List<SettingProblem> check(String pid, String key, Object value, FileDirectories files) {
        List<SettingProblem> problems = new ArrayList<>();
        for (String text : SettingText.elements(value)) {
            String problem = checkOne(pid, key, text, files);
            if (problem != null) {
                problems.add(new SettingProblem(key, problem));
            }
        }
        return problems;
    }

    private static String checkOne(String pid, String key, String text, FileDirectories files) {
        if (UPLINK_PID.equals(pid) && "brokerUrl".equals(key)) {
            return brokerUrl(text);
        }
        if (FILE_KEYS.contains(key)) {
            return readableFile(key, text, files);
        }
        if ("port".equals(key) || key.endsWith("Port")) {
            return port(text);
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

    /** A file that exists, is readable, lies under {@code files}, and holds a private key only for keyFile. */
    static String readableFile(String key, String text, FileDirectories files) {
        try {
            Path path = Path.of(text);
            if (!Files.isRegularFile(path)) {
                return text + ": no such file";
            }
            if (!Files.isReadable(path)) {
                return text + ": not readable";
            }
            Path real = files.realPathWithin(path).orElse(null);
            if (real == null) {
                return text + ": " + key + " must name a file under " + files.describe();
            }
            if (!KEY_FILE.equals(key) && FileDirectories.holdsPrivateKey(real)) {
                return text + ": holds a private key; only " + KEY_FILE + " may name one";
            }
            return null;
        } catch (InvalidPathException e) {
            return text + ": not a file path: " + e.getMessage();
        } catch (IOException e) {
            return text + ": cannot read: " + e.getMessage();
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
}
