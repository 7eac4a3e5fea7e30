package org.cityedge.provisioning.internal.settings;

/**
 * One thing wrong with one setting of a PID.
 *
 * @param key     the setting's key
 * @param message what is wrong, for a person; never holds a secret's value
 */
public record SettingProblem(String key, String message) {

    @Override
    public String toString() {
        return key + ": " + message;
    }
}
