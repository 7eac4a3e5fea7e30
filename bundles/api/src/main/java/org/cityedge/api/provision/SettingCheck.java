package org.cityedge.api.provision;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A component's own check of its settings where Metatype cannot say enough (a format only the component knows).
 * Registered as a service with the property {@link #PID}; {@link Provisioning} asks every check of a PID before it
 * writes a change, so a value the component would refuse is never written.
 */
@ConsumerType
public interface SettingCheck {

    /** Service property: the PID whose settings this service checks. */
    String PID = "cityedge.setting.pid";

    /**
     * @param key   the setting's key
     * @param value the value as text (one element of an array)
     * @return why the value is refused, for a person and never repeating a secret value; null when it is fine
     */
    String problem(String key, String value);
}
