package org.cityedge.provisioning.internal.settings;

import java.lang.reflect.Array;
import java.util.Collection;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Writes configuration properties in the {@code .cfg} syntax FileInstall 3.7.4 reads back to the same values.
 *
 * <p>FileInstall reads {@code .cfg} (and {@code .config}) files with Felix's {@code TypedProperties}: a file whose
 * every value is in the typed syntax ({@code "text"}, {@code ["a","b"]}, {@code I"5"}) gives typed values, arrays
 * included; a file with one plain value gives only strings, and a plain {@code a,b} is one string, never an array.
 * So every value is written typed. A typed value goes through two decoders: {@code ${...}} interpolation (which
 * also turns {@code \\}, {@code \{}, {@code \}} into the character), then the typed-value parser (Java-like escapes,
 * {@code \}uXXXX). The encoder undoes them in reverse; non-ASCII becomes {@code \}uXXXX so the ISO-8859-1 default
 * encoding of FileInstall does not matter. Tested against FileInstall's own parser.
 */
public final class CfgFormat {

    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.\\-]+");

    private CfgFormat() {
    }

    /** The whole file: a comment line, then one {@code key = value} line per property, sorted by key. */
    public static String encode(Map<String, Object> properties, String comment) {
        StringBuilder out = new StringBuilder();
        out.append("# ").append(comment.replaceAll("[\\r\\n]+", " ")).append('\n');
        for (Map.Entry<String, Object> e : new TreeMap<>(properties).entrySet()) {
            if (!KEY.matcher(e.getKey()).matches()) {
                throw new IllegalArgumentException("key cannot be written to a .cfg file: " + e.getKey());
            }
            out.append(e.getKey()).append(" = ").append(encodeValue(e.getValue())).append('\n');
        }
        return out.toString();
    }

    /** One value in the typed syntax, escaped for interpolation. */
    static String encodeValue(Object value) {
        return escapeInterpolation(typed(value));
    }

    private static String typed(Object value) {
        if (value instanceof String s) {
            return quote(s);
        }
        if (value != null && value.getClass().isArray()) {
            Class<?> component = value.getClass().getComponentType();
            StringJoiner items = new StringJoiner(",", typeCode(component) + "[", "]");
            for (int i = 0; i < Array.getLength(value); i++) {
                items.add(quote(String.valueOf(Array.get(value, i))));
            }
            return items.toString();
        }
        if (value instanceof Collection<?>) {
            throw new IllegalArgumentException("normalize collections to arrays first");
        }
        return typeCode(value.getClass()) + quote(String.valueOf(value));
    }

    /** FileInstall's type letters; String has none. Primitive arrays use the lower-case letter. */
    private static String typeCode(Class<?> type) {
        String code = switch (type.getSimpleName()) {
            case "String" -> "";
            case "Integer", "int" -> "I";
            case "Long", "long" -> "L";
            case "Float", "float" -> "F";
            case "Double", "double" -> "D";
            case "Byte", "byte" -> "X";
            case "Short", "short" -> "S";
            case "Character", "char" -> "C";
            case "Boolean", "boolean" -> "B";
            default -> throw new IllegalArgumentException("cannot write a value of type " + type.getName());
        };
        return type.isPrimitive() ? code.toLowerCase() : code;
    }

    private static String quote(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (char c : text.toCharArray()) {
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /** Interpolation would expand {@code ${...}}; escaping every brace (and backslash) keeps the text literal. */
    private static String escapeInterpolation(String typed) {
        return typed.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}");
    }
}
