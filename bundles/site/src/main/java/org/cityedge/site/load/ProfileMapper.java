package org.cityedge.site.load;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.cityedge.api.profile.Access;
import org.cityedge.api.profile.AddressRange;
import org.cityedge.api.profile.CoapBinding;
import org.cityedge.api.profile.CoapFormat;
import org.cityedge.api.profile.CommandDefinition;
import org.cityedge.api.profile.DataType;
import org.cityedge.api.profile.DeviceKind;
import org.cityedge.api.profile.DeviceLimits;
import org.cityedge.api.profile.DeviceProfile;
import org.cityedge.api.profile.Endian;
import org.cityedge.api.profile.Identification;
import org.cityedge.api.profile.PointDefinition;
import org.cityedge.api.profile.PollClass;
import org.cityedge.api.profile.Protocol;
import org.cityedge.api.profile.RegisterTable;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Turns a schema-valid profile tree into a {@link DeviceProfile}, one YAML field to one record component. Only
 * checks what the records' constructors would otherwise refuse; the cross-field rules are {@link ProfileRules}.
 */
final class ProfileMapper {

    private static final FieldPath LIMITS = FieldPath.ROOT.field("limits");

    private final Problems problems;

    private ProfileMapper(Problems problems) {
        this.problems = problems;
    }

    /** The profile, or null when the tree describes none (the reasons are in {@code problems}). */
    static DeviceProfile map(JsonNode root, String source, Problems problems) {
        return new ProfileMapper(problems).profile(root, source);
    }

    private DeviceProfile profile(JsonNode root, String source) {
        int before = problems.size();
        DeviceLimits limits = limits(root.path("limits"));
        List<PointDefinition> points = new ArrayList<>();
        for (JsonNode p : Nodes.array(root, "points")) {
            points.add(point(p));
        }
        List<CommandDefinition> commands = new ArrayList<>();
        for (JsonNode c : Nodes.array(root, "commands")) {
            commands.add(command(c));
        }
        if (problems.size() > before) {
            return null;
        }
        return new DeviceProfile(Nodes.text(root, "id"), Nodes.text(root, "vendor"), Nodes.text(root, "model"),
                YamlNames.toEnum(DeviceKind.class, Nodes.text(root, "kind")), Nodes.text(root, "fiwareType"), limits,
                points, commands, identification(root.path("identification")), source,
                YamlNames.toEnum(Protocol.class, Nodes.text(root, "protocol")));
    }

    private DeviceLimits limits(JsonNode node) {
        DeviceLimits d = DeviceLimits.DEFAULT;
        List<AddressRange> forbidden = new ArrayList<>();
        int k = 0;
        for (JsonNode r : Nodes.array(node, "forbidden")) {
            FieldPath at = LIMITS.field("forbidden").index(k++);
            int from = r.get("from").asInt();
            int to = r.get("to").asInt();
            if (to < from) {
                problems.add(at.field("to"), "must not be below from (" + from + ")");
                continue;
            }
            forbidden.add(new AddressRange(table(r), from, to));
        }
        return new DeviceLimits(Nodes.integer(node, "maxReadRegisters", d.maxReadRegisters()),
                Nodes.integer(node, "maxReadBits", d.maxReadBits()), forbidden,
                Nodes.integer(node, "responseTimeoutMs", d.responseTimeoutMs()),
                Nodes.integer(node, "interFrameDelayMs", d.interFrameDelayMs()));
    }

    private static Identification identification(JsonNode node) {
        List<Identification.Signature> signatures = new ArrayList<>();
        for (JsonNode s : Nodes.array(node, "signatures")) {
            signatures.add(new Identification.Signature(table(s), s.get("address").asInt(), s.get("value").asInt()));
        }
        return new Identification(Nodes.text(node, "vendorName"), Nodes.text(node, "productCode"), signatures);
    }

    private static PointDefinition point(JsonNode p) {
        return new PointDefinition(Nodes.text(p, "name"), table(p), Nodes.integer(p, "address", 0),
                YamlNames.toEnum(DataType.class, Nodes.text(p, "type")),
                YamlNames.toEnum(Endian.class, Nodes.text(p, "byteOrder")),
                YamlNames.toEnum(Endian.class, Nodes.text(p, "wordOrder")), Nodes.number(p, "scale", 1.0),
                Nodes.number(p, "offset", 0.0), Nodes.text(p, "unit"),
                YamlNames.toEnum(Access.class, Nodes.text(p, "access")), Nodes.optionalNumber(p, "min"),
                Nodes.optionalNumber(p, "max"), YamlNames.toEnum(PollClass.class, Nodes.text(p, "poll")), bits(p),
                enumValues(p), coap(p.get("coap")));
    }

    private static CoapBinding coap(JsonNode c) {
        return c == null || c.isNull() ? null
                : new CoapBinding(Nodes.text(c, "path"), YamlNames.toEnum(CoapFormat.class, Nodes.text(c, "format")),
                        Nodes.text(c, "name"), c.path("observe").asBoolean(false));
    }

    private static Map<Integer, String> bits(JsonNode p) {
        Map<Integer, String> bits = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = p.path("bits").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            bits.put(Integer.parseInt(e.getKey()), e.getValue().asText());
        }
        return bits;
    }

    private static Map<Long, String> enumValues(JsonNode p) {
        Map<Long, String> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = p.path("values").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            values.put(Long.parseLong(e.getKey()), e.getValue().asText());
        }
        return values;
    }

    private static CommandDefinition command(JsonNode c) {
        List<CommandDefinition.Write> writes = new ArrayList<>();
        for (JsonNode w : Nodes.array(c, "writes")) {
            JsonNode value = w.get("value");
            Double constant = value == null ? null : value.isBoolean() ? (value.asBoolean() ? 1.0 : 0.0) : value.asDouble();
            writes.add(new CommandDefinition.Write(Nodes.text(w, "point"), Nodes.text(w, "param"), constant));
        }
        return new CommandDefinition(Nodes.text(c, "name"), Nodes.text(c, "description"), writes);
    }

    private static RegisterTable table(JsonNode node) {
        return YamlNames.toEnum(RegisterTable.class, Nodes.text(node, "table"));
    }
}
