package org.cityedge.site.load;

import java.util.Locale;

/** The files spell enum constants in lower case with hyphens ({@code read-write}); Java spells {@code READ_WRITE}. */
final class YamlNames {

    private YamlNames() {
    }

    static <E extends Enum<E>> E toEnum(Class<E> type, String yamlName) {
        return yamlName == null ? null : Enum.valueOf(type, yamlName.toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    static String of(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
