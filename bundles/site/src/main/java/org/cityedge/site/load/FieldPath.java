package org.cityedge.site.load;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a value sits in a YAML document, e.g. {@code points[3].address}. Knows both the form people read and the
 * JSON pointer used to look up the value's line.
 */
final class FieldPath {

    static final FieldPath ROOT = new FieldPath(List.of());

    /** Each element is a {@link String} (object member) or an {@link Integer} (array index). */
    private final List<Object> elements;

    private FieldPath(List<Object> elements) {
        this.elements = elements;
    }

    FieldPath field(String name) {
        return append(name);
    }

    FieldPath index(int i) {
        return append(i);
    }

    private FieldPath append(Object element) {
        List<Object> longer = new ArrayList<>(elements.size() + 1);
        longer.addAll(elements);
        longer.add(element);
        return new FieldPath(List.copyOf(longer));
    }

    boolean isRoot() {
        return elements.isEmpty();
    }

    /** The enclosing path, or ROOT for ROOT. */
    FieldPath parent() {
        return isRoot() ? ROOT : new FieldPath(elements.subList(0, elements.size() - 1));
    }

    /** The first {@code n} elements. */
    FieldPath prefix(int n) {
        return new FieldPath(elements.subList(0, Math.min(n, elements.size())));
    }

    int size() {
        return elements.size();
    }

    Object element(int i) {
        return elements.get(i);
    }

    /** RFC 6901 JSON pointer, e.g. {@code /points/3/address}. */
    String pointer() {
        StringBuilder b = new StringBuilder();
        for (Object e : elements) {
            b.append('/').append(e.toString().replace("~", "~0").replace("/", "~1"));
        }
        return b.toString();
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (Object e : elements) {
            if (e instanceof Integer) {
                b.append('[').append(e).append(']');
            } else {
                if (b.length() > 0) {
                    b.append('.');
                }
                b.append(e);
            }
        }
        return b.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FieldPath other && elements.equals(other.elements);
    }

    @Override
    public int hashCode() {
        return elements.hashCode();
    }
}
