package org.cityedge.simulator.coap;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.cityedge.api.profile.CoapFormat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * SenML packs (RFC 8428) in JSON (110) and CBOR (112, integer labels bn=-2 bt=-3 n=0 u=1 v=2 vs=3 vb=4 t=6).
 * Encoding writes one base name on the first record; decoding resolves base names and base times.
 */
final class Senml {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Senml() {
    }

    /**
     * One record.
     *
     * @param name  full name (base name resolved)
     * @param unit  SenML unit, or null
     * @param value Boolean (vb), Long or Double (v), or String (vs)
     * @param time  absolute time in seconds since the epoch, or null
     */
    record Entry(String name, String unit, Object value, Double time) {
    }

    /** A pack whose records share base name {@code bn} where their names start with it. */
    static byte[] encode(CoapFormat format, String bn, List<Entry> entries) {
        List<Map<Object, Object>> records = new ArrayList<>();
        boolean cbor = format == CoapFormat.SENML_CBOR;
        String base = bn;
        for (Entry e : entries) {
            Map<Object, Object> r = new LinkedHashMap<>();
            if (records.isEmpty() && base != null && !base.isEmpty()) {
                r.put(cbor ? -2 : "bn", base);
            }
            String n = base != null && e.name().startsWith(base) ? e.name().substring(base.length()) : e.name();
            if (!n.isEmpty()) {
                r.put(cbor ? 0 : "n", n);
            }
            if (e.unit() != null && !e.unit().isEmpty()) {
                r.put(cbor ? 1 : "u", e.unit());
            }
            Object v = e.value();
            r.put(v instanceof Boolean ? (cbor ? 4 : "vb") : v instanceof String ? (cbor ? 3 : "vs") : (cbor ? 2 : "v"),
                    v);
            if (e.time() != null) {
                r.put(cbor ? 6 : "t", e.time());
            }
            records.add(r);
        }
        if (cbor) {
            return Cbor.encode(records);
        }
        try {
            return JSON.writeValueAsBytes(records);
        } catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /**
     * The records of a pack, names resolved.
     *
     * @throws IllegalArgumentException for a payload that is not a SenML pack
     */
    static List<Entry> decode(CoapFormat format, byte[] payload) {
        List<Map<String, Object>> records = format == CoapFormat.SENML_CBOR ? cborRecords(payload)
                : jsonRecords(payload);
        List<Entry> out = new ArrayList<>();
        String bn = "";
        double bt = 0;
        for (Map<String, Object> r : records) {
            if (r.get("bn") instanceof String b) {
                bn = b;
            }
            if (r.get("bt") instanceof Number b) {
                bt = b.doubleValue();
            }
            Object n = r.getOrDefault("n", "");
            if (!(n instanceof String name)) {
                throw new IllegalArgumentException("record name is not text");
            }
            Object value = r.containsKey("vb") ? r.get("vb") : r.containsKey("vs") ? r.get("vs") : r.get("v");
            if (!(value instanceof Boolean || value instanceof Number || value instanceof String)) {
                throw new IllegalArgumentException("record " + bn + name + " has no value");
            }
            Double t = r.get("t") instanceof Number tn ? bt + tn.doubleValue() : null;
            out.add(new Entry(bn + name, r.get("u") instanceof String u ? u : null, value, t));
        }
        return out;
    }

    private static List<Map<String, Object>> jsonRecords(byte[] payload) {
        JsonNode root;
        try {
            root = JSON.readTree(new String(payload, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (root == null || !root.isArray()) {
            throw new IllegalArgumentException("a SenML pack is a JSON array");
        }
        List<Map<String, Object>> records = new ArrayList<>();
        for (JsonNode r : root) {
            if (!r.isObject()) {
                throw new IllegalArgumentException("a SenML record is a JSON object");
            }
            Map<String, Object> m = new LinkedHashMap<>();
            r.fields().forEachRemaining(f -> m.put(f.getKey(), f.getValue().isBoolean() ? f.getValue().booleanValue()
                    : f.getValue().isNumber() ? f.getValue().numberValue() : f.getValue().isTextual()
                            ? f.getValue().textValue() : null));
            records.add(m);
        }
        return records;
    }

    private static final Map<Long, String> CBOR_LABELS = Map.of(-2L, "bn", -3L, "bt", 0L, "n", 1L, "u", 2L, "v",
            3L, "vs", 4L, "vb", 6L, "t");

    private static List<Map<String, Object>> cborRecords(byte[] payload) {
        if (!(Cbor.decode(payload) instanceof List<?> list)) {
            throw new IllegalArgumentException("a SenML pack is a CBOR array");
        }
        List<Map<String, Object>> records = new ArrayList<>();
        for (Object o : list) {
            if (!(o instanceof Map<?, ?> r)) {
                throw new IllegalArgumentException("a SenML record is a CBOR map");
            }
            Map<String, Object> m = new LinkedHashMap<>();
            r.forEach((k, v) -> {
                String label = k instanceof Long l ? CBOR_LABELS.get(l) : k instanceof String s ? s : null;
                if (label != null) {
                    m.put(label, v);
                }
            });
            records.add(m);
        }
        return records;
    }
}
