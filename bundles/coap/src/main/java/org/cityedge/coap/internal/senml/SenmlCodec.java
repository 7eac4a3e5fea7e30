package org.cityedge.coap.internal.senml;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;

/**
 * SenML JSON (Content-Format 110) and CBOR (112) packs. CBOR uses the integer labels of RFC 8428 §6; Jackson's CBOR
 * parser turns integer map keys into their decimal text, so both encodings end up as one tree with a label table.
 * Thread-safe.
 */
public final class SenmlCodec {

    /** Times below 2^28 s are relative to now (RFC 8428 §4.5.3). */
    static final double RELATIVE_LIMIT = 268_435_456d;

    private static final Map<String, String> CBOR_LABELS = Map.ofEntries(Map.entry("-1", "bver"),
            Map.entry("-2", "bn"), Map.entry("-3", "bt"), Map.entry("-4", "bu"), Map.entry("-5", "bv"),
            Map.entry("-16", "bs"), Map.entry("0", "n"), Map.entry("1", "u"), Map.entry("2", "v"),
            Map.entry("3", "vs"), Map.entry("4", "vb"), Map.entry("5", "s"), Map.entry("6", "t"),
            Map.entry("7", "ut"), Map.entry("8", "vd"));
    private static final Map<String, String> CBOR_KEYS = invert();

    private final ObjectMapper json = new ObjectMapper();
    private final ObjectMapper cbor = new ObjectMapper(new CBORFactory());

    public List<SenmlRecord> decodeJson(byte[] pack, long nowMs) throws SenmlException {
        return resolve(parse(json, pack, "JSON"), false, nowMs);
    }

    public List<SenmlRecord> decodeCbor(byte[] pack, long nowMs) throws SenmlException {
        return resolve(parse(cbor, pack, "CBOR"), true, nowMs);
    }

    /** A one-record pack {n, v|vb|vs} (LwM2M partial update); value is a Number, Boolean or String. */
    public byte[] encodeOne(String name, Object value, boolean asCbor) {
        ObjectNode rec = json.createObjectNode();
        rec.put(key("n", asCbor), name);
        if (value instanceof Boolean b) {
            rec.put(key("vb", asCbor), b);
        } else if (value instanceof Long l) {
            rec.put(key("v", asCbor), l);
        } else if (value instanceof Number n) {
            rec.put(key("v", asCbor), n.doubleValue());
        } else {
            rec.put(key("vs", asCbor), String.valueOf(value));
        }
        ArrayNode pack = json.createArrayNode().add(rec);
        try {
            return asCbor ? cborWithIntKeys(pack) : json.writeValueAsBytes(pack);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode SenML", e);
        }
    }

    /** Jackson writes tree keys as text; CBOR SenML needs integer keys, so the record is written field by field. */
    private byte[] cborWithIntKeys(ArrayNode pack) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (com.fasterxml.jackson.dataformat.cbor.CBORGenerator g = ((CBORFactory) cbor.getFactory())
                .createGenerator(out)) {
            g.writeStartArray();
            for (JsonNode rec : pack) {
                g.writeStartObject();
                for (Iterator<Map.Entry<String, JsonNode>> it = rec.fields(); it.hasNext();) {
                    Map.Entry<String, JsonNode> f = it.next();
                    g.writeFieldId(Long.parseLong(f.getKey()));
                    cbor.writeTree(g, f.getValue());
                }
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        return out.toByteArray();
    }

    private static String key(String label, boolean asCbor) {
        return asCbor ? CBOR_KEYS.get(label) : label;
    }

    private static JsonNode parse(ObjectMapper mapper, byte[] pack, String what) throws SenmlException {
        if (pack == null || pack.length == 0) {
            throw new SenmlException("empty payload");
        }
        try {
            JsonNode root = mapper.readTree(pack);
            if (root == null || !root.isArray()) {
                throw new SenmlException("a SenML pack must be an array of records");
            }
            return root;
        } catch (IOException e) {
            throw new SenmlException("not valid " + what + ": " + firstLine(e.getMessage()));
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "parse error";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static List<SenmlRecord> resolve(JsonNode pack, boolean cborLabels, long nowMs) throws SenmlException {
        if (pack.isEmpty()) {
            throw new SenmlException("empty pack");
        }
        List<SenmlRecord> out = new ArrayList<>(pack.size());
        String bn = "";
        String bu = "";
        double bt = 0;
        double bv = 0;
        double bs = 0;
        int index = 0;
        for (JsonNode node : pack) {
            String at = "record " + index++;
            if (!node.isObject()) {
                throw new SenmlException(at + ": not an object");
            }
            String n = "";
            String u = null;
            Double v = null;
            Double s = null;
            Double t = null;
            Object other = null;
            boolean hasBt = false;
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> f = it.next();
                String label = cborLabels ? CBOR_LABELS.getOrDefault(f.getKey(), f.getKey()) : f.getKey();
                JsonNode val = f.getValue();
                switch (label) {
                    case "bn" -> bn = text(val, at, label);
                    case "bu" -> bu = text(val, at, label);
                    case "bt" -> {
                        bt = number(val, at, label);
                        hasBt = true;
                    }
                    case "bv" -> bv = number(val, at, label);
                    case "bs" -> bs = number(val, at, label);
                    case "bver", "ut" -> number(val, at, label);
                    case "n" -> n = text(val, at, label);
                    case "u" -> u = text(val, at, label);
                    case "v" -> v = number(val, at, label);
                    case "s" -> s = number(val, at, label);
                    case "t" -> t = number(val, at, label);
                    case "vs", "vd" -> other = text(val, at, label);
                    case "vb" -> {
                        if (!val.isBoolean()) {
                            throw new SenmlException(at + ": vb must be a boolean");
                        }
                        other = val.booleanValue();
                    }
                    default -> {
                        // labels ending in "_" must be understood (RFC 8428 §4.4); others are extensions we skip
                        if (label.endsWith("_")) {
                            throw new SenmlException(at + ": unsupported must-understand field " + label);
                        }
                    }
                }
            }
            String name = bn + n;
            if (name.isEmpty()) {
                throw new SenmlException(at + ": no name (neither bn nor n)");
            }
            Object value = v != null ? (Object) (bv + v) : other != null ? other : s != null ? (Object) (bs + s) : null;
            if (value == null) {
                // a record carrying only base fields sets them for the next ones; any other must carry a value
                if (!n.isEmpty()) {
                    throw new SenmlException(at + " (" + name + "): no value (v, vb, vs, vd or s)");
                }
                continue;
            }
            boolean timed = t != null || hasBt || bt != 0;
            double time = bt + (t == null ? 0 : t);
            long timeMs = time < RELATIVE_LIMIT ? nowMs + Math.round(time * 1000) : Math.round(time * 1000);
            out.add(new SenmlRecord(name, n, u != null ? u : bu, value, timeMs, timed));
        }
        return out;
    }

    private static String text(JsonNode val, String at, String label) throws SenmlException {
        if (!val.isTextual()) {
            throw new SenmlException(at + ": " + label + " must be a string");
        }
        return val.textValue();
    }

    private static double number(JsonNode val, String at, String label) throws SenmlException {
        if (!val.isNumber()) {
            throw new SenmlException(at + ": " + label + " must be a number");
        }
        double d = val.doubleValue();
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new SenmlException(at + ": " + label + " is not a finite number");
        }
        return d;
    }

    private static Map<String, String> invert() {
        Map<String, String> m = new java.util.HashMap<>();
        CBOR_LABELS.forEach((k, v) -> m.put(v, k));
        return Map.copyOf(m);
    }
}
