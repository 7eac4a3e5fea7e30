package org.cityedge.site.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.cityedge.api.site.BusDefinition;
import org.cityedge.api.site.BusType;
import org.cityedge.api.site.DeviceDefinition;
import org.cityedge.api.site.GeoPoint;
import org.cityedge.api.site.Parity;
import org.cityedge.api.site.Site;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * Writes a {@link Site} in the site-file format {@link SiteFiles} reads (used by provisioning). Fields holding
 * their default are left out, so a written file stays as short as a hand-written one. Comments of an earlier
 * file are not kept. {@link SiteDocument} tells whether a file can be written back without losing an entry.
 */
public final class SiteWriter {

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            // Without this a group named "1.5" would read back as a number.
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private SiteWriter() {
    }

    /** The site as YAML text. */
    public static String toYaml(Site site) {
        ObjectNode root = NODES.objectNode();
        root.put("site", site.site());
        root.put("gatewayId", site.gatewayId());
        putLocation(root, site.location());
        root.put("timezone", site.timezone());
        ArrayNode buses = root.putArray("buses");
        site.buses().forEach(b -> buses.add(bus(b)));
        ArrayNode devices = root.putArray("devices");
        site.devices().forEach(d -> devices.add(device(d)));
        try {
            return YAML.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings and numbers always serializes", e);
        }
    }

    /**
     * Writes the site to {@code file} through a temporary file and a rename, so a watcher never reads half a file.
     */
    public static void write(Site site, Path file) {
        Path dir = file.toAbsolutePath().getParent();
        try {
            Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
            try {
                Files.writeString(tmp, toYaml(site), StandardCharsets.UTF_8);
                move(tmp, file);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Writes the fields the loader reads for the bus's type, leaving out those holding the loader's default: the line
     * fields on serial and RTU-over-TCP buses (the latter uses the baud rate for its timing), host and port on TCP
     * buses.
     */
    private static ObjectNode bus(BusDefinition b) {
        ObjectNode n = NODES.objectNode();
        n.put("id", b.id());
        n.put("type", YamlNames.of(b.type()));
        boolean serial = b.type() == BusType.SERIAL;
        if (serial && b.port() != null) {
            n.put("port", b.port());
        }
        if (serial || b.type() == BusType.RTU_OVER_TCP) {
            if (b.baud() > 0) {
                n.put("baud", b.baud());
            }
            if (b.parity() != Parity.NONE) {
                n.put("parity", YamlNames.of(b.parity()));
            }
            if (serial ? b.stopBits() > 0 : b.stopBits() > 1) {
                n.put("stopBits", b.stopBits());
            }
        }
        if (b.type() == BusType.TCP || b.type() == BusType.RTU_OVER_TCP) {
            if (b.host() != null) {
                n.put("host", b.host());
            }
            if (b.tcpPort() > 0) {
                n.put("tcpPort", b.tcpPort());
            }
            if (b.maxConnections() != 1) {
                n.put("maxConnections", b.maxConnections());
            }
        }
        if (b.interFrameDelayMs() != 0) {
            n.put("interFrameDelayMs", b.interFrameDelayMs());
        }
        return n;
    }

    private static ObjectNode device(DeviceDefinition d) {
        ObjectNode n = NODES.objectNode();
        n.put("id", d.id());
        if (!d.name().equals(d.id())) {
            n.put("name", d.name());
        }
        n.put("bus", d.bus());
        if (d.unitId() != 0) {
            n.put("unitId", d.unitId());
        }
        n.put("profile", d.profile());
        if (d.address() != null) {
            n.put("address", d.address());
        }
        if (d.group() != null) {
            n.put("group", d.group());
        }
        putLocation(n, d.location());
        return n;
    }

    private static void putLocation(ObjectNode n, GeoPoint location) {
        if (location != null) {
            ObjectNode l = n.putObject("location");
            l.put("latitude", location.latitude());
            l.put("longitude", location.longitude());
        }
    }
}
