package org.cityedge.provisioning.internal.settings;

import java.util.Locale;

import org.osgi.service.metatype.AttributeDefinition;

/** Which settings are secrets: read as the mask, never echoed in a message or a log line. */
public final class Secrets {

    private Secrets() {
    }

    /** A key naming a password (passwordHash included) or an attribute of Metatype type PASSWORD. */
    public static boolean isSecret(String key, AttributeDefinition definition) {
        return key.toLowerCase(Locale.ROOT).contains("password")
                || definition != null && definition.getType() == AttributeDefinition.PASSWORD;
    }
}
