package org.cityedge.console.api;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.cityedge.api.profile.DeviceProfile;
import org.cityedge.api.provision.ChangeResult;
import org.cityedge.api.provision.FieldProblem;
import org.cityedge.api.provision.Identity;
import org.cityedge.api.provision.Provisioning;
import org.cityedge.api.site.BusDefinition;
import org.cityedge.api.site.BusType;
import org.cityedge.api.site.DeviceDefinition;
import org.cityedge.api.site.GeoPoint;
import org.cityedge.api.site.Parity;
import org.cityedge.console.http.ApiException;
import org.cityedge.console.http.Exchange;
import org.cityedge.console.http.Json;
import org.cityedge.console.http.Reply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Changes made on site, all through {@link Provisioning} (checked, applied whole or not at all): identity,
 * component settings, TLS material, the IOC's key, buses and devices, export and import. Input this class can already
 * tell is wrong (a latitude that is text) is refused the same way, as a 422 ChangeResult naming the field.
 */
final class ProvisioningEndpoints {

    static final String PASSWORD_KEY = "passwordHash";

    private final GatewayServices services;

    ProvisioningEndpoints(GatewayServices services) {
        this.services = services;
    }

    Reply identity(Exchange ex) throws ApiException {
        return Reply.ok(Views.identity(services.provisioning().identity()));
    }

    Reply setIdentity(Exchange ex) throws ApiException {
        Input in = Input.of(ex.jsonObject());
        String site = in.text("site", true);
        String gatewayId = in.text("gatewayId", true);
        GeoPoint location = location(in, "location");
        String timezone = in.text("timezone", false);
        if (!in.ok()) {
            return Views.change(in.refusal());
        }
        return Views.change(services.provisioning().setIdentity(new Identity(site, gatewayId, location, timezone)));
    }

    /** A location object, or null when absent. */
    static GeoPoint location(Input parent, String name) {
        if (!parent.has(name)) {
            return null;
        }
        Input loc = parent.object(name);
        Double lat = loc.number("latitude", null, -90, 90);
        Double lon = loc.number("longitude", null, -180, 180);
        return lat == null || lon == null ? null : new GeoPoint(lat, lon);
    }

    Reply config(Exchange ex) throws ApiException {
        Provisioning p = services.provisioning();
        ObjectNode o = Json.object();
        for (String pid : p.managedPids()) {
            ObjectNode settings = o.putObject(pid);
            p.settings(pid).forEach((k, v) -> settings.set(k, Json.value(v)));
        }
        return Reply.ok(o);
    }

    /** {@code {"<pid>": {"key": "text" | number | boolean | [..] | null}}}: values become .cfg text. */
    Reply configure(Exchange ex) throws ApiException {
        ObjectNode body = ex.jsonObject();
        Map<String, Map<String, String>> changes = new LinkedHashMap<>();
        List<FieldProblem> problems = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> pids = body.fields(); pids.hasNext();) {
            Map.Entry<String, JsonNode> pid = pids.next();
            if (!pid.getValue().isObject()) {
                problems.add(new FieldProblem(pid.getKey(), "must be an object of settings"));
                continue;
            }
            Map<String, String> keys = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = pid.getValue().fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                String field = pid.getKey() + "/" + e.getKey();
                String text = text(e.getValue());
                if (text == null && !e.getValue().isNull()) {
                    problems.add(new FieldProblem(field, "must be text, a number, true/false, a list or null"));
                } else if (SessionEndpoints.CONSOLE_PID.equals(pid.getKey()) && PASSWORD_KEY.equals(e.getKey())
                        && !Provisioning.SECRET_MASK.equals(text)) {
                    problems.add(new FieldProblem(field, "set the console password with PUT /api/console/password"
                            + " (cityedge provision console password), which hashes it"));
                } else {
                    keys.put(e.getKey(), text);
                }
            }
            changes.put(pid.getKey(), keys);
        }
        if (changes.isEmpty() && problems.isEmpty()) {
            problems.add(new FieldProblem("body", "names no setting to change"));
        }
        if (!problems.isEmpty()) {
            return Views.change(ChangeResult.refused(problems));
        }
        return Views.change(services.provisioning().configure(changes));
    }

    /** A JSON value as .cfg text (lists comma-separated); null for JSON null and for objects. */
    static String text(JsonNode v) {
        if (v.isTextual()) {
            return v.asText();
        }
        if (v.isNumber() || v.isBoolean()) {
            return v.asText();
        }
        if (v.isArray()) {
            List<String> items = new ArrayList<>();
            for (JsonNode item : v) {
                String t = item.isValueNode() && !item.isNull() ? item.asText() : null;
                if (t == null) {
                    return null;
                }
                items.add(t);
            }
            return String.join(",", items);
        }
        return null;
    }

    Reply certificateRequest(Exchange ex) throws ApiException {
        Provisioning p = services.provisioning();
        try {
            return Reply.ok(Json.object().put("csr", p.createCertificateRequest()));
        } catch (IllegalStateException e) {
            throw ApiException.conflict(e.getMessage());
        }
    }

    Reply installCertificate(Exchange ex) throws ApiException {
        Input in = Input.of(ex.jsonObject());
        String cert = in.text("certificate", true);
        String ca = in.text("ca", true);
        if (!in.ok()) {
            return Views.change(in.refusal());
        }
        return Views.change(services.provisioning().installCertificate(cert, ca));
    }

    Reply tls(Exchange ex) throws ApiException {
        return Reply.ok(Views.tls(services.provisioning().tls()));
    }

    Reply trust(Exchange ex) throws ApiException {
        Input in = Input.of(ex.jsonObject());
        String key = in.text("publicKey", true);
        if (!in.ok()) {
            return Views.change(in.refusal());
        }
        return Views.change(services.provisioning().setIocPublicKey(key));
    }

    Reply exportConfiguration(Exchange ex) throws ApiException {
        String withKey = ex.query("withKey");
        if (withKey != null && !withKey.equals("true") && !withKey.equals("false")) {
            throw new ApiException(400, "withKey must be true or false",
                    List.of(new FieldProblem("withKey", "must be true or false")));
        }
        return Reply.text(200, services.provisioning().exportConfiguration("true".equals(withKey)));
    }

    Reply importConfiguration(Exchange ex) throws ApiException {
        JsonNode doc = ex.json(); // malformed JSON is a 400 before the service sees it
        if (!doc.isObject()) {
            throw ApiException.badRequest("malformed request: expected the exported JSON object");
        }
        return Views.change(services.provisioning().importConfiguration(Json.write(doc)));
    }

    Reply buses(Exchange ex) {
        ArrayNode list = Json.array();
        for (BusDefinition b : services.site().buses()) {
            list.add(Views.bus(b, services.scannerOf(b.id()).isPresent()));
        }
        return Reply.ok(list);
    }

    Reply profiles(Exchange ex) {
        ArrayNode list = Json.array();
        services.profiles().values().stream().sorted(Comparator.comparing(DeviceProfile::id))
                .forEach(p -> list.add(Views.profile(p)));
        return Reply.ok(list);
    }

    /** {@code {"buses": [...], "devices": [...]}}: adds or replaces by id. */
    Reply assign(Exchange ex) throws ApiException {
        Input in = Input.of(ex.jsonObject());
        List<BusDefinition> buses = new ArrayList<>();
        for (Input b : in.array("buses")) {
            BusDefinition bus = bus(b);
            if (bus != null) {
                buses.add(bus);
            }
        }
        List<DeviceDefinition> devices = new ArrayList<>();
        for (Input d : in.array("devices")) {
            DeviceDefinition device = device(d);
            if (device != null) {
                devices.add(device);
            }
        }
        if (in.ok() && buses.isEmpty() && devices.isEmpty()) {
            in.problem("devices", "names no bus and no device");
        }
        if (!in.ok()) {
            return Views.change(in.refusal());
        }
        return Views.change(services.provisioning().assign(buses, devices));
    }

    Reply remove(Exchange ex) throws ApiException {
        return Views.change(services.provisioning().removeDevices(List.of(ex.param("id"))));
    }

    static BusDefinition bus(Input b) {
        if (!b.isObject()) {
            return null;
        }
        String id = b.text("id", true);
        BusType type = b.choice("type", BusType.class, true);
        String port = b.text("port", false);
        int baud = b.integer("baud", 0, 0, 4_000_000);
        Parity parity = b.choice("parity", Parity.class, false);
        int stopBits = b.integer("stopBits", 0, 0, 2);
        String host = b.text("host", false);
        int tcpPort = b.integer("tcpPort", 0, 0, 65_535);
        int interFrameDelayMs = b.integer("interFrameDelayMs", 0, 0, 10_000);
        int maxConnections = b.integer("maxConnections", 1, 1, 16);
        if (id == null || type == null) {
            return null;
        }
        return new BusDefinition(id, type, port, baud, parity, stopBits, host, tcpPort, interFrameDelayMs,
                maxConnections);
    }

    static DeviceDefinition device(Input d) {
        if (!d.isObject()) {
            return null;
        }
        String id = d.text("id", true);
        String name = d.text("name", false);
        String bus = d.text("bus", true);
        int unitId = d.integer("unitId", 0, 0, 247);
        String profile = d.text("profile", true);
        GeoPoint location = location(d, "location");
        String group = d.text("group", false);
        String address = d.text("address", false);
        if (id == null || bus == null || profile == null) {
            return null;
        }
        return new DeviceDefinition(id, blankToNull(name), bus, unitId, profile, location, blankToNull(group),
                blankToNull(address));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
