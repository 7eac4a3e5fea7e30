package org.cityedge.site.load;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.cityedge.api.profile.Access;
import org.cityedge.api.profile.AddressRange;
import org.cityedge.api.profile.CommandDefinition;
import org.cityedge.api.profile.DataType;
import org.cityedge.api.profile.DeviceProfile;
import org.cityedge.api.profile.Identification;
import org.cityedge.api.profile.CoapFormat;
import org.cityedge.api.profile.PointDefinition;
import org.cityedge.api.profile.Protocol;
import org.cityedge.api.profile.RegisterTable;

/**
 * The rules a JSON Schema cannot express because they relate fields: where a point may live, what it may carry,
 * whether it fits the device's limits, and whether commands write real, writable points.
 */
final class ProfileRules {

    private static final FieldPath POINTS = FieldPath.ROOT.field("points");
    private static final FieldPath COMMANDS = FieldPath.ROOT.field("commands");

    private final DeviceProfile profile;
    private final Problems problems;

    private ProfileRules(DeviceProfile profile, Problems problems) {
        this.profile = profile;
        this.problems = problems;
    }

    static void check(DeviceProfile profile, Problems problems) {
        ProfileRules rules = new ProfileRules(profile, problems);
        rules.points();
        rules.commands();
        rules.signatures();
    }

    private void points() {
        Set<String> names = new HashSet<>();
        List<PointDefinition> points = profile.points();
        for (int i = 0; i < points.size(); i++) {
            PointDefinition p = points.get(i);
            FieldPath at = POINTS.index(i);
            uniqueName(names, p.name(), at.field("name"));
            p.bits().forEach((bit, name) -> uniqueName(names, name, at.field("bits").field(bit.toString())));
            membersFitType(p, at);
            if (p.min() != null && p.max() != null && p.min() > p.max()) {
                problems.add(at.field("min"), "is above max (" + p.max() + ")");
            }
            if (p.scale() == 0) {
                problems.add(at.field("scale"), "must not be 0");
            }
            if (fitsProtocol(p, at) && p.table() != null) {
                modbusPoint(points, i, at);
            }
        }
    }

    /** True when the point carries the fields of its profile's protocol and no other's. */
    private boolean fitsProtocol(PointDefinition p, FieldPath at) {
        Protocol protocol = profile.protocol();
        String in = " in a " + YamlNames.of(protocol) + " profile";
        int before = problems.size();
        if (protocol == Protocol.MODBUS && p.table() == null) {
            problems.add(at.field("table"), "is required" + in);
        }
        if (protocol != Protocol.MODBUS && p.table() != null) {
            problems.add(at.field("table"), "has no meaning" + in + " (Modbus points only)");
        }
        if (protocol == Protocol.COAP && p.coap() == null) {
            problems.add(at.field("coap"), "is required" + in + " (path, format, name)");
        }
        if (protocol != Protocol.COAP && p.coap() != null) {
            problems.add(at.field("coap"), "has no meaning" + in);
        }
        if (p.coap() != null && p.coap().format() != CoapFormat.TEXT && p.coap().name() == null) {
            problems.add(at.field("coap").field("name"), "is required to pick the point out of a SenML pack");
        }
        if (p.coap() != null && p.coap().format() == CoapFormat.TEXT && p.coap().name() != null) {
            problems.add(at.field("coap").field("name"), "only a SenML point has a record name (format is text)");
        }
        if (protocol != Protocol.MODBUS && p.type() == DataType.BITFIELD) {
            problems.add(at.field("type"), "a bitfield is a Modbus register; give each bit its own bool point" + in);
        }
        return problems.size() == before;
    }

    private void modbusPoint(List<PointDefinition> points, int i, FieldPath at) {
        PointDefinition p = points.get(i);
        typeFitsTable(p, at);
        fitsAddressSpace(p, at);
        if (p.access() == Access.READ_WRITE && !p.table().isWritable()) {
            problems.add(at.field("access"), "a " + YamlNames.of(p.table()) + " cannot be written");
        }
        notForbidden(p, at);
        noOverlap(points, i, at);
    }

    private void uniqueName(Set<String> names, String name, FieldPath at) {
        if (!names.add(name)) {
            problems.add(at, "point name '" + name + "' is used twice");
        }
    }

    private void typeFitsTable(PointDefinition p, FieldPath at) {
        if (p.table().isBits() && p.type() != DataType.BOOL) {
            problems.add(at.field("type"), "a " + YamlNames.of(p.table()) + " holds one bit: the type must be bool");
        }
        if (p.width() > maxRead(p.table())) {
            problems.add(at.field("type"), YamlNames.of(p.type()) + " spans " + p.width()
                    + " registers, more than limits.maxReadRegisters (" + maxRead(p.table()) + ")");
        }
    }

    private void membersFitType(PointDefinition p, FieldPath at) {
        if (p.type() == DataType.BITFIELD && p.bits().isEmpty()) {
            problems.add(at.field("bits"), "is required for a bitfield");
        }
        if (p.type() != DataType.BITFIELD && !p.bits().isEmpty()) {
            problems.add(at.field("bits"), "only a bitfield has bits (type is " + YamlNames.of(p.type()) + ")");
        }
        if (p.type() == DataType.ENUM && p.enumValues().isEmpty()) {
            problems.add(at.field("values"), "is required for an enum");
        }
        if (p.type() != DataType.ENUM && !p.enumValues().isEmpty()) {
            problems.add(at.field("values"), "only an enum has values (type is " + YamlNames.of(p.type()) + ")");
        }
        Set<String> states = new HashSet<>();
        p.enumValues().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .filter(e -> !states.add(e.getValue()))
                .forEach(e -> problems.add(at.field("values").field(e.getKey().toString()),
                        "state '" + e.getValue() + "' is named twice"));
    }

    private void fitsAddressSpace(PointDefinition p, FieldPath at) {
        if (p.address() + p.width() - 1 > 0xFFFF) {
            problems.add(at.field("address"), "a " + YamlNames.of(p.type()) + " at " + p.address()
                    + " runs past the last address 65535");
        }
    }

    private void notForbidden(PointDefinition p, FieldPath at) {
        for (AddressRange r : profile.limits().forbidden()) {
            if (r.overlaps(p.table(), p.address(), p.width())) {
                problems.add(at.field("address"), span(p) + " overlaps the forbidden range " + YamlNames.of(r.table())
                        + " " + r.from() + ".." + r.to());
            }
        }
    }

    private void noOverlap(List<PointDefinition> points, int i, FieldPath at) {
        PointDefinition p = points.get(i);
        for (int j = 0; j < i; j++) {
            PointDefinition q = points.get(j);
            if (q.table() == p.table() && q.table() != null && p.address() <= q.address() + q.width() - 1
                    && q.address() <= p.address() + p.width() - 1) {
                problems.add(at.field("address"), span(p) + " overlaps point '" + q.name() + "' (" + span(q) + ")");
            }
        }
    }

    private void commands() {
        Map<String, PointDefinition> byName = new HashMap<>();
        profile.points().forEach(p -> byName.put(p.name(), p));
        Set<String> names = new HashSet<>();
        List<CommandDefinition> commands = profile.commands();
        for (int c = 0; c < commands.size(); c++) {
            CommandDefinition command = commands.get(c);
            FieldPath at = COMMANDS.index(c);
            if (!names.add(command.name())) {
                problems.add(at.field("name"), "command name '" + command.name() + "' is used twice");
            }
            for (int w = 0; w < command.writes().size(); w++) {
                write(command.writes().get(w), byName, at.field("writes").index(w));
            }
        }
    }

    private void write(CommandDefinition.Write write, Map<String, PointDefinition> byName, FieldPath at) {
        if ((write.param() == null) == (write.constant() == null)) {
            problems.add(at, "give exactly one of param (the value comes from the command) or value (a constant)");
        }
        PointDefinition target = byName.get(write.point());
        if (target == null) {
            problems.add(at.field("point"), "no point named '" + write.point() + "'");
            return;
        }
        if (!target.writable()) {
            problems.add(at.field("point"), "point '" + write.point() + "' is not writable (access read-write"
                    + (target.table() != null ? " on a coil or holding register)" : ")"));
            return;
        }
        Double v = write.constant();
        if (v == null) {
            return;
        }
        if (target.type() == DataType.BOOL && v != 0 && v != 1) {
            problems.add(at.field("value"), "a bool point takes true/false or 1/0");
        } else if (target.type() == DataType.ENUM && !target.enumValues().containsKey(v.longValue())) {
            problems.add(at.field("value"), v.longValue() + " is not one of the values of '" + target.name() + "'");
        } else if (!target.inRange(v)) {
            problems.add(at.field("value"), v + " is outside " + target.min() + ".." + target.max());
        }
    }

    private void signatures() {
        List<Identification.Signature> signatures = profile.identification().signatures();
        for (int s = 0; s < signatures.size(); s++) {
            Identification.Signature sig = signatures.get(s);
            if (sig.table().isBits() && sig.value() > 1) {
                problems.add(FieldPath.ROOT.field("identification").field("signatures").index(s).field("value"),
                        "a bit holds 0 or 1");
            }
            if (profile.limits().isForbidden(sig.table(), sig.address(), 1)) {
                problems.add(FieldPath.ROOT.field("identification").field("signatures").index(s).field("address"),
                        "lies in a forbidden range");
            }
        }
    }

    private int maxRead(RegisterTable table) {
        return table.isBits() ? profile.limits().maxReadBits() : profile.limits().maxReadRegisters();
    }

    private static String span(PointDefinition p) {
        String table = YamlNames.of(p.table());
        return p.width() == 1 ? table + " " + p.address() : table + " " + p.address() + ".." + (p.address() + p.width() - 1);
    }
}
