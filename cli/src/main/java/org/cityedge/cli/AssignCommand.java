package org.cityedge.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.cityedge.cli.gateway.Failure;
import org.cityedge.cli.text.ChangeResults;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code assign}: adds or replaces (by id) devices, and buses from a file, in the site file. */
@Command(name = "assign", mixinStandardHelpOptions = true, sortOptions = false,
        description = { "Adds a device to the site file, or replaces the one with the same id: its bus, unit id (or "
                + "address on a CoAP bus), profile, name, group and location. With --file, adds or replaces the "
                + "buses and devices listed in a YAML file written like a site file.",
                "Checked as a site load checks it: applied whole or not at all." },
        footerHeading = "%nExamples:%n",
        footer = { "  cityedge provision assign --id sl-012 --bus rs485-1 --unit 12 --profile saigon-slc-110 \\",
                "      --name \"Lamp 12\" --group circuit-b --lat 11.5347 --lon 106.8846",
                "  cityedge provision assign --id nl-002 --bus nbiot --address coaps://10.20.0.7:5684 "
                        + "--profile saigon-slc-nb1",
                "  cityedge provision assign --file devices.yaml",
                "",
                "devices.yaml:",
                "  buses:",
                "    - {id: env-tcp, type: tcp, host: 10.0.0.21, tcpPort: 502}",
                "  devices:",
                "    - {id: aq-002, bus: env-tcp, unitId: 1, profile: mekong-aqm6, group: environment}" })
final class AssignCommand extends GatewayCommand {

    @Option(names = "--id", paramLabel = "ID", description = "Device id (stable: used in MQTT topics).")
    String id;

    @Option(names = "--bus", paramLabel = "BUS", description = "Id of the bus it sits on.")
    String bus;

    @Option(names = "--unit", paramLabel = "N", description = "Modbus unit id, 1-247.")
    Integer unit;

    @Option(names = "--address", paramLabel = "A", description = "On a CoAP bus: the device's URI, e.g. "
            + "coaps://10.20.0.7:5684.")
    String address;

    @Option(names = "--profile", paramLabel = "P", description = "Device profile id, e.g. saigon-slc-110.")
    String profile;

    @Option(names = "--name", paramLabel = "N", description = "Name for people (default: the id).")
    String name;

    @Option(names = "--group", paramLabel = "G", description = "Lighting circuit, cabinet or street.")
    String group;

    @Option(names = "--lat", paramLabel = "X", description = "Latitude, decimal degrees.")
    Double latitude;

    @Option(names = "--lon", paramLabel = "Y", description = "Longitude, decimal degrees.")
    Double longitude;

    @Option(names = "--file", paramLabel = "FILE", description = "Buses and devices lists in site-file YAML.")
    Path file;

    @Override
    public Integer call() {
        ObjectNode body = file != null ? fromFile() : oneDevice();
        JsonNode result = gateway().send("POST", "/api/devices", body).body();
        if (output().json()) {
            output().json(result);
        } else {
            ChangeResults.print(result, body.path("devices").size() + " device(s)"
                    + (body.path("buses").isEmpty() ? "" : ", " + body.path("buses").size() + " bus(es)"),
                    output().out());
        }
        return 0;
    }

    private ObjectNode oneDevice() {
        if (id == null || bus == null || profile == null) {
            throw usage("Give --id, --bus and --profile (or --file FILE)");
        }
        if (unit != null && address != null) {
            throw usage("Give --unit N or --address A, not both");
        }
        if ((latitude == null) != (longitude == null)) {
            throw usage("Give --lat and --lon together");
        }
        ObjectNode device = object().put("id", id).put("name", name == null ? id : name).put("bus", bus)
                .put("unitId", unit == null ? 0 : unit).put("profile", profile);
        if (address != null) {
            device.put("address", address);
        }
        if (group != null) {
            device.put("group", group);
        }
        if (latitude != null) {
            device.putObject("location").put("latitude", latitude).put("longitude", longitude);
        }
        ObjectNode body = object();
        body.putArray("buses");
        body.putArray("devices").add(device);
        return body;
    }

    private ObjectNode fromFile() {
        if (id != null || bus != null || unit != null || address != null || profile != null || name != null
                || group != null || latitude != null || longitude != null) {
            throw usage("--file takes every device from the file: leave out the other options");
        }
        JsonNode tree;
        try {
            tree = new YAMLMapper().readTree(LocalFiles.read(file, "device file"));
        } catch (JsonProcessingException e) {
            throw Failure.usage(file + " is not YAML: " + e.getOriginalMessage() + location(e));
        } catch (IOException e) {
            throw Failure.usage("cannot read " + file + " (" + e.getMessage() + ")");
        }
        if (tree == null || !tree.isObject()) {
            throw Failure.usage(file + " holds no buses or devices lists");
        }
        List<String> ignored = new ArrayList<>();
        tree.fieldNames().forEachRemaining(f -> {
            if (!f.equals("buses") && !f.equals("devices")) {
                ignored.add(f);
            }
        });
        for (String list : List.of("buses", "devices")) {
            if (tree.has(list) && !tree.get(list).isArray() && !tree.get(list).isNull()) {
                throw Failure.usage(file + ": " + list + " is not a list");
            }
        }
        if (!tree.path("buses").isArray() && !tree.path("devices").isArray()) {
            throw Failure.usage(file + " holds no buses or devices lists");
        }
        if (!ignored.isEmpty()) {
            output().warn(file + ": only buses and devices are assigned; left out: " + String.join(", ", ignored)
                    + " (identity set changes the identity)");
        }
        ObjectNode body = object();
        body.set("buses", tree.path("buses").isArray() ? tree.get("buses") : JSON.createArrayNode());
        body.set("devices", tree.path("devices").isArray() ? tree.get("devices") : JSON.createArrayNode());
        return body;
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
    }
}
