package org.cityedge.api.site;

/**
 * One thing wrong in a configuration file, precise enough for a technician to fix it.
 *
 * @param file    file name
 * @param line    1-based line, or 0 when unknown
 * @param field   the offending field as a path, e.g. {@code devices[3].unitId}
 * @param message what is wrong
 */
public record ConfigProblem(String file, int line, String field, String message) {

    @Override
    public String toString() {
        return file + (line > 0 ? ":" + line : "") + ": " + field + ": " + message;
    }
}
