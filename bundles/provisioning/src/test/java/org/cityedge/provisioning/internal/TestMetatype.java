package org.cityedge.provisioning.internal;

import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.cityedge.provisioning.internal.settings.Definitions;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.ObjectClassDefinition;

/**
 * Metatype descriptions for tests, shaped like the real components' (same ids, types and cardinalities), with
 * validation as Felix Metatype does it for the cases used: integers with a minimum, booleans.
 */
public final class TestMetatype implements Definitions {

    private final Map<String, ObjectClassDefinition> byPid = new LinkedHashMap<>();

    @Override
    public Optional<ObjectClassDefinition> find(String pid) {
        return Optional.ofNullable(byPid.get(pid));
    }

    public TestMetatype add(String pid, AttributeDefinition... attributes) {
        ObjectClassDefinition ocd = mock(ObjectClassDefinition.class);
        when(ocd.getID()).thenReturn(pid);
        when(ocd.getAttributeDefinitions(ObjectClassDefinition.ALL)).thenReturn(attributes);
        byPid.put(pid, ocd);
        return this;
    }

    /** The PIDs provisioning manages by default, with the attributes the tests touch. */
    public static TestMetatype gateway() {
        return new TestMetatype()
                .add("org.cityedge.uplink.mqtt", string("brokerUrl", ""), string("username", ""),
                        password("password"), string("caFile", ""), string("certFile", ""), string("keyFile", ""),
                        integer("qos", "1", 0), integer("keepAliveSeconds", "30", 1),
                        strings("pointPolicies"), bool("verifyHostname", "true"))
                .add("org.cityedge.trust", strings("publicKeys"), string("publicKeyFile", ""))
                .add("org.cityedge.console", string("interface", "lo"), integer("port", "8080", 0),
                        string("passwordHash", ""), bool("enabled", "true"))
                .add("org.cityedge.coap", string("pskFile", ""), integer("serverPort", "5684", 0),
                        bool("allowPlain", "false"))
                .add("org.cityedge.telemetry.log", bool("enabled", "false"), string("devices", ""));
    }

    public static AttributeDefinition string(String id, String dflt) {
        return attribute(id, AttributeDefinition.STRING, 0, dflt == null ? null : new String[] {dflt}, v -> "");
    }

    public static AttributeDefinition password(String id) {
        return attribute(id, AttributeDefinition.PASSWORD, 0, new String[] {""}, v -> "");
    }

    public static AttributeDefinition strings(String id) {
        return attribute(id, AttributeDefinition.STRING, Integer.MAX_VALUE, new String[0], v -> "");
    }

    public static AttributeDefinition bool(String id, String dflt) {
        return attribute(id, AttributeDefinition.BOOLEAN, 0, new String[] {dflt},
                v -> v.equals("true") || v.equals("false") ? "" : "not a boolean");
    }

    public static AttributeDefinition integer(String id, String dflt, int min) {
        return attribute(id, AttributeDefinition.INTEGER, 0, new String[] {dflt}, v -> {
            try {
                return Integer.parseInt(v.strip()) >= min ? "" : "value is less than " + min;
            } catch (NumberFormatException e) {
                return "not an integer";
            }
        });
    }

    public static AttributeDefinition attribute(String id, int type, int cardinality, String[] defaults,
            Function<String, String> validate) {
        AttributeDefinition ad = mock(AttributeDefinition.class);
        when(ad.getID()).thenReturn(id);
        when(ad.getType()).thenReturn(type);
        when(ad.getCardinality()).thenReturn(cardinality);
        when(ad.getDefaultValue()).thenReturn(defaults);
        when(ad.validate(anyString())).thenAnswer(call -> validate.apply(call.getArgument(0)));
        return ad;
    }
}
