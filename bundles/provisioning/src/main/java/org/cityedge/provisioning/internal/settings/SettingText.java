package org.cityedge.provisioning.internal.settings;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Settings as text, the way a technician types them and the contract carries them: an array is comma-separated,
 * a comma inside an element written {@code \,} (and a backslash {@code \\}).
 */
public final class SettingText {

    private SettingText() {
    }

    /** Splits comma-separated text into trimmed, non-empty elements. */
    public static String[] split(String text) {
        List<String> items = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length() && (text.charAt(i + 1) == ',' || text.charAt(i + 1) == '\\')) {
                current.append(text.charAt(++i));
            } else if (c == ',') {
                add(items, current);
            } else {
                current.append(c);
            }
        }
        add(items, current);
        return items.toArray(new String[0]);
    }

    private static void add(List<String> items, StringBuilder current) {
        String item = current.toString().strip();
        if (!item.isEmpty()) {
            items.add(item);
        }
        current.setLength(0);
    }

    /** A stored value as text: arrays and collections joined with commas (escaped), anything else as a string. */
    public static String text(Object value) {
        if (value == null) {
            return "";
        }
        List<String> items = elements(value);
        if (!value.getClass().isArray() && !(value instanceof Collection<?>)) {
            return items.get(0);
        }
        List<String> escaped = items.stream().map(s -> s.replace("\\", "\\\\").replace(",", "\\,")).toList();
        return String.join(",", escaped);
    }

    /** The elements of an array or collection as strings; a single value is one element. */
    public static List<String> elements(Object value) {
        if (value instanceof Collection<?> collection) {
            return collection.stream().map(String::valueOf).toList();
        }
        if (value != null && value.getClass().isArray()) {
            List<String> out = new ArrayList<>();
            for (int i = 0; i < Array.getLength(value); i++) {
                out.add(String.valueOf(Array.get(value, i)));
            }
            return out;
        }
        return List.of(String.valueOf(value));
    }

    /**
     * A stored value in a form ConfigAdmin and {@link CfgFormat} both keep exactly: collections become arrays,
     * primitive arrays become arrays of their wrappers.
     */
    public static Object normalize(Object value) {
        if (value instanceof Collection<?> collection) {
            Object[] items = collection.toArray();
            if (items.length > 0 && java.util.Arrays.stream(items).allMatch(i -> i != null
                    && i.getClass() == items[0].getClass())) {
                Object typed = Array.newInstance(items[0].getClass(), items.length);
                System.arraycopy(items, 0, typed, 0, items.length);
                return typed;
            }
            return java.util.Arrays.stream(items).map(String::valueOf).toArray(String[]::new);
        }
        if (value != null && value.getClass().isArray() && value.getClass().getComponentType().isPrimitive()) {
            int n = Array.getLength(value);
            Class<?> wrapper = Array.get(Array.newInstance(value.getClass().getComponentType(), 1), 0).getClass();
            Object boxed = Array.newInstance(wrapper, n);
            for (int i = 0; i < n; i++) {
                Array.set(boxed, i, Array.get(value, i));
            }
            return boxed;
        }
        return value;
    }
}
