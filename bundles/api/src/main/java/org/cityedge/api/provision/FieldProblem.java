package org.cityedge.api.provision;

/**
 * Why a change was refused.
 *
 * @param field   the offending field: {@code pid/key} for a component setting (e.g.
 *                {@code org.cityedge.uplink.mqtt/brokerUrl}), {@code site.yaml:line: path} for the site file,
 *                or the name of the input (e.g. {@code certificate})
 * @param message what is wrong, for a person
 */
public record FieldProblem(String field, String message) {

    @Override
    public String toString() {
        return field + ": " + message;
    }
}
