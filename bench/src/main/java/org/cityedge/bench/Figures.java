package org.cityedge.bench;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The benchmark's result line: {@code name=value} pairs in insertion order, numbers with fixed decimals. */
final class Figures {

    private final Map<String, String> values = new LinkedHashMap<>();

    Figures put(String name, long value) {
        values.put(name, Long.toString(value));
        return this;
    }

    Figures put(String name, double value, int decimals) {
        values.put(name, String.format(Locale.ROOT, "%." + decimals + "f", value));
        return this;
    }

    Figures put(String name, String value) {
        values.put(name, value.replace(' ', '_'));
        return this;
    }

    String line() {
        return values.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
    }
}
