package org.cityedge.simulator.coap;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The slice of CBOR (RFC 8949) SenML needs: integers, text, doubles, booleans, arrays and maps, definite lengths.
 * Decoding also takes half and single precision floats and byte strings, so any conforming sender is understood.
 */
final class Cbor {

    private Cbor() {
    }

    /** Encodes a tree of Map, List, String, Boolean, Long/Integer and Double. */
    static byte[] encode(Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, value);
        return out.toByteArray();
    }

    private static void write(ByteArrayOutputStream out, Object v) {
        if (v instanceof Map<?, ?> m) {
            head(out, 5, m.size());
            m.forEach((k, x) -> {
                write(out, k);
                write(out, x);
            });
        } else if (v instanceof List<?> l) {
            head(out, 4, l.size());
            l.forEach(x -> write(out, x));
        } else if (v instanceof String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            head(out, 3, b.length);
            out.writeBytes(b);
        } else if (v instanceof Boolean b) {
            out.write(b ? 0xF5 : 0xF4);
        } else if (v instanceof Integer || v instanceof Long) {
            long n = ((Number) v).longValue();
            if (n >= 0) {
                head(out, 0, n);
            } else {
                head(out, 1, -1 - n);
            }
        } else if (v instanceof Double d) {
            out.write(0xFB);
            out.writeBytes(ByteBuffer.allocate(8).putDouble(d).array());
        } else {
            throw new IllegalArgumentException("cannot encode " + v);
        }
    }

    private static void head(ByteArrayOutputStream out, int major, long n) {
        int m = major << 5;
        if (n < 24) {
            out.write(m | (int) n);
        } else if (n < 0x100) {
            out.write(m | 24);
            out.write((int) n);
        } else if (n < 0x10000) {
            out.write(m | 25);
            out.writeBytes(ByteBuffer.allocate(2).putShort((short) n).array());
        } else if (n < 0x1_0000_0000L) {
            out.write(m | 26);
            out.writeBytes(ByteBuffer.allocate(4).putInt((int) n).array());
        } else {
            out.write(m | 27);
            out.writeBytes(ByteBuffer.allocate(8).putLong(n).array());
        }
    }

    /**
     * Decodes one data item that must fill {@code data}.
     *
     * @throws IllegalArgumentException when it is not well-formed CBOR of the supported kinds
     */
    static Object decode(byte[] data) {
        ByteBuffer in = ByteBuffer.wrap(data);
        try {
            Object v = read(in, 0);
            if (in.hasRemaining()) {
                throw new IllegalArgumentException("trailing bytes after the CBOR item");
            }
            return v;
        } catch (java.nio.BufferUnderflowException e) {
            throw new IllegalArgumentException("CBOR item cut short");
        }
    }

    private static Object read(ByteBuffer in, int depth) {
        if (depth > 16) {
            throw new IllegalArgumentException("CBOR nested too deep");
        }
        int initial = in.get() & 0xFF;
        int major = initial >>> 5;
        int info = initial & 0x1F;
        if (major == 7) {
            return switch (info) {
                case 20 -> Boolean.FALSE;
                case 21 -> Boolean.TRUE;
                case 22, 23 -> null;
                case 25 -> half(in.getShort());
                case 26 -> (double) in.getFloat();
                case 27 -> in.getDouble();
                default -> throw new IllegalArgumentException("unsupported CBOR simple value " + info);
            };
        }
        long n = argument(in, info);
        switch (major) {
            case 0:
                return n;
            case 1:
                return -1 - n;
            case 2, 3: {
                byte[] b = new byte[checkedLength(in, n)];
                in.get(b);
                return major == 3 ? new String(b, StandardCharsets.UTF_8) : b;
            }
            case 4: {
                List<Object> l = new ArrayList<>();
                for (long i = 0, c = checkedLength(in, n); i < c; i++) {
                    l.add(read(in, depth + 1));
                }
                return l;
            }
            case 5: {
                Map<Object, Object> m = new LinkedHashMap<>();
                for (long i = 0, c = checkedLength(in, n); i < c; i++) {
                    m.put(read(in, depth + 1), read(in, depth + 1));
                }
                return m;
            }
            default:
                throw new IllegalArgumentException("unsupported CBOR tag");
        }
    }

    /** IEEE 754 half precision (RFC 8949 appendix D). */
    private static double half(short bits) {
        int h = bits & 0xFFFF;
        int exp = (h >>> 10) & 0x1F;
        int mant = h & 0x3FF;
        double v = exp == 0 ? mant * Math.pow(2, -24)
                : exp != 31 ? (mant + 1024) * Math.pow(2, exp - 25) : mant == 0 ? Double.POSITIVE_INFINITY : Double.NaN;
        return (h & 0x8000) != 0 ? -v : v;
    }

    private static long argument(ByteBuffer in, int info) {
        return switch (info) {
            case 24 -> in.get() & 0xFFL;
            case 25 -> in.getShort() & 0xFFFFL;
            case 26 -> in.getInt() & 0xFFFF_FFFFL;
            case 27 -> in.getLong();
            default -> {
                if (info > 27) {
                    throw new IllegalArgumentException("indefinite lengths are not supported");
                }
                yield info;
            }
        };
    }

    /** A count can never exceed the bytes left (every item takes at least one). */
    private static int checkedLength(ByteBuffer in, long n) {
        if (n < 0 || n > in.remaining()) {
            throw new IllegalArgumentException("CBOR length " + n + " beyond the payload");
        }
        return (int) n;
    }
}
