package org.cityedge.console;

import org.cityedge.api.provision.SettingCheck;
import org.cityedge.console.security.PasswordHasher;
import org.osgi.service.component.annotations.Component;

/**
 * Tells provisioning which stored password hashes the console accepts, so an import or a change never writes one
 * that would leave every login refused. The format is the console's to know.
 */
@Component(service = SettingCheck.class, property = SettingCheck.PID + "=" + ConsoleComponent.PID)
public class ConsoleSettingCheck implements SettingCheck {

    @Override
    public String problem(String key, String value) {
        return "passwordHash".equals(key) && !value.isEmpty() ? PasswordHasher.storedProblem(value) : null;
    }
}
