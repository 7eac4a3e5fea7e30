package org.cityedge.provisioning.internal;

import org.cityedge.api.provision.SettingCheck;
import org.cityedge.provisioning.internal.settings.SettingChecks;

/**
 * Stands in for the console's {@code SettingCheck} (bundles/console {@code ConsoleSettingCheck}, whose bounds are
 * tested there): refuses what is not shaped like a hash, and fewer than 1,000 iterations.
 */
public final class ConsoleCheckStandIn {

    public static final String PID = "org.cityedge.console";

    public static final SettingCheck CHECK = (key, value) -> {
        if (!"passwordHash".equals(key) || value.isEmpty()) {
            return null;
        }
        String[] parts = value.split("\\$");
        if (parts.length != 4 || !parts[0].equals("pbkdf2-sha256") || !parts[1].matches("\\d{1,9}")) {
            return "not a password hash";
        }
        return Long.parseLong(parts[1]) < 1_000 ? "the password hash has " + parts[1] + " iterations" : null;
    };

    private ConsoleCheckStandIn() {
    }

    public static SettingChecks registered() {
        SettingChecks checks = new SettingChecks();
        checks.add(PID, CHECK);
        return checks;
    }
}
