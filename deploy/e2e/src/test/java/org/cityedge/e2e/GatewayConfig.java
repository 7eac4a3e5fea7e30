package org.cityedge.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The gateway's configuration directory as a technician writes it: {@code site.yaml} and one {@code PID.cfg} per
 * component (Felix FileInstall reads them; attribute names are the components' Metatype ids).
 */
final class GatewayConfig {

    static final String UPLINK = "org.cityedge.uplink.mqtt";
    static final String MODBUS = "org.cityedge.modbus";
    static final String CONSOLE = "org.cityedge.console";

    private final Path dir;

    GatewayConfig(Path dir) {
        this.dir = dir;
    }

    Path dir() {
        return dir;
    }

    Path siteFile() {
        return dir.resolve("site.yaml");
    }

    GatewayConfig site(String yaml) {
        write(siteFile(), yaml);
        return this;
    }

    GatewayConfig component(String pid, Map<String, ?> properties) {
        String text = properties.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .sorted().collect(Collectors.joining("\n", "", "\n"));
        write(dir.resolve(pid + ".cfg"), text);
        return this;
    }

    /** Polls fast so a test sees data within seconds (defaults are 1 s / 10 s / 60 s). */
    GatewayConfig fastPolling() {
        return component(MODBUS, Map.of("fastPeriodMs", 500, "normalPeriodMs", 1000, "slowPeriodMs", 2000));
    }

    /**
     * The uplink to {@code brokerUrl}, with health every 2 s and reconnects within a second, so an outage of a
     * few seconds is over quickly; keep-alive 5 s bounds how long the broker takes to notice a vanished gateway.
     */
    GatewayConfig uplinkTo(String brokerUrl) {
        return component(UPLINK, Map.of("brokerUrl", brokerUrl, "healthIntervalSeconds", 2,
                "reconnectMinMillis", 200, "reconnectMaxMillis", 1000, "keepAliveSeconds", 5));
    }

    /**
     * The local console on 127.0.0.1 ({@code lo}) at {@code port}, listening from the start ({@code listen=always};
     * the default, on-demand, listens only once woken), plus {@code more} settings of PID org.cityedge.console.
     */
    GatewayConfig console(int port, Map<String, ?> more) {
        Map<String, Object> settings = new HashMap<>(more);
        settings.put("interface", "lo");
        settings.put("port", port);
        settings.put("listen", "always");
        return component(CONSOLE, settings);
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, text);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE); // FileInstall never sees half a file
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
