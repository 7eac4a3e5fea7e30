package org.cityedge.buffer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * Stores payloads compactly: raw DEFLATE with a preset dictionary of the words our JSON repeats, so even a single
 * small telemetry message shrinks to a third. The first byte says how the rest is encoded; the dictionary is part of
 * the file format, so a new dictionary gets a new code and old rows stay readable.
 *
 * <p>Not thread safe: each thread keeps its own codec.
 */
final class PayloadCodec {

    static final byte RAW = 0;
    static final byte DEFLATE_DICT_1 = 1;

    // Most frequent last: DEFLATE finds matches nearer the end of the dictionary with shorter distances.
    private static final byte[] DICTIONARY_1 = ("\"severity\":\"\"state\":\"raised\"\"cleared\"\"event\":\"alarm"
            + "\"illuminance\"\"relativeHumidity\"\"temperature\"\"pm10\"\"pm25\"\"NO2\"\"O3\"\"CO\"\"noiseLevel\""
            + "\"energyConsumed\"\"powerFactor\"\"voltage\"\"current\"\"frequency\"\"lampFailure\""
            + "\"dimmingLevel\"\"powerState\"\"activePower\"\"reason\":\"timeout\"\"quality\":\"STALE\""
            + "\"quality\":\"BAD\",\"reason\":\"\"unit\":\"W\",\"unit\":\"V\",\"unit\":\"A\",\"unit\":\"%\","
            + "\"unit\":\"Cel\",\"unit\":\"ug/m3\",\"{\"time\":17,\"device\":\"\"readings\":[{\"time\":17"
            + ",\"points\":{\"},\"value\":0.,\"value\":true,\"value\":false,\"unit\":\",\"quality\":\"GOOD\"}")
            .getBytes(StandardCharsets.US_ASCII);

    private final Deflater deflater = new Deflater(Deflater.BEST_SPEED, true);
    private final Inflater inflater = new Inflater(true);
    private byte[] scratch = new byte[8192];

    byte[] encode(String json) {
        byte[] raw = json.getBytes(StandardCharsets.UTF_8);
        if (scratch.length < raw.length + 64) {
            scratch = new byte[raw.length + 64];
        }
        deflater.reset();
        deflater.setDictionary(DICTIONARY_1);
        deflater.setInput(raw);
        deflater.finish();
        int n = deflater.deflate(scratch, 0, scratch.length);
        if (!deflater.finished() || n + 1 >= raw.length + 1) {
            byte[] out = new byte[raw.length + 1];
            out[0] = RAW;
            System.arraycopy(raw, 0, out, 1, raw.length);
            return out;
        }
        byte[] out = new byte[n + 1];
        out[0] = DEFLATE_DICT_1;
        System.arraycopy(scratch, 0, out, 1, n);
        return out;
    }

    String decode(byte[] stored) {
        if (stored.length == 0) {
            throw new IllegalArgumentException("empty payload");
        }
        switch (stored[0]) {
            case RAW:
                return new String(stored, 1, stored.length - 1, StandardCharsets.UTF_8);
            case DEFLATE_DICT_1:
                return inflate(stored);
            default:
                throw new IllegalArgumentException("unknown payload encoding " + stored[0]);
        }
    }

    private String inflate(byte[] stored) {
        inflater.reset();
        inflater.setDictionary(DICTIONARY_1); // raw DEFLATE has no header asking for it: set it up front
        inflater.setInput(stored, 1, stored.length - 1);
        ByteArrayOutputStream out = new ByteArrayOutputStream(stored.length * 4);
        byte[] chunk = new byte[4096];
        try {
            while (!inflater.finished()) {
                int n = inflater.inflate(chunk);
                if (n == 0 && inflater.needsInput()) {
                    throw new IllegalArgumentException("corrupt payload: truncated");
                }
                out.write(chunk, 0, n);
            }
        } catch (DataFormatException e) {
            throw new IllegalArgumentException("corrupt payload: " + e.getMessage(), e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
