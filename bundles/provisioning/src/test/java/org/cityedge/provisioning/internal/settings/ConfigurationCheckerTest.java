package org.cityedge.provisioning.internal.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.Hashtable;

import org.cityedge.provisioning.internal.TestMetatype;
import org.junit.jupiter.api.Test;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.ObjectClassDefinition;

class ConfigurationCheckerTest {

    private static AttributeDefinition integerAttribute(String id) {
        AttributeDefinition ad = mock(AttributeDefinition.class);
        when(ad.getID()).thenReturn(id);
        when(ad.getType()).thenReturn(AttributeDefinition.LONG);
        when(ad.validate(anyString())).thenAnswer(call -> {
            String v = call.getArgument(0);
            return v.matches("-?\\d+") ? "" : "not an integer";
        });
        return ad;
    }

    private static ObjectClassDefinition definition(AttributeDefinition... attributes) {
        ObjectClassDefinition ocd = mock(ObjectClassDefinition.class);
        when(ocd.getID()).thenReturn("org.cityedge.test");
        when(ocd.getAttributeDefinitions(ObjectClassDefinition.ALL)).thenReturn(attributes);
        return ocd;
    }

    @Test
    void acceptsValidConfigurationAndManagedKeys() {
        var props = new Hashtable<String, Object>();
        props.put("periodMs", "1000");
        props.put("service.pid", "org.cityedge.test");
        props.put(ConfigurationChecker.FILE_PROPERTY, "file:/etc/cityedge/org.cityedge.test.cfg");
        assertThat(ConfigurationChecker.problems(definition(integerAttribute("periodMs")), props)).isEmpty();
    }

    @Test
    void namesTheFieldWhoseValueIsRejected() {
        var props = new Hashtable<String, Object>();
        props.put("periodMs", "fast");
        assertThat(ConfigurationChecker.problems(definition(integerAttribute("periodMs")), props))
                .containsExactly("periodMs: value 'fast' rejected: not an integer");
    }

    @Test
    void reportsUnknownFieldsWithTheKnownOnes() {
        var props = new Hashtable<String, Object>();
        props.put("perodMs", "1000");
        assertThat(ConfigurationChecker.problems(definition(integerAttribute("periodMs")), props))
                .singleElement().asString().startsWith("perodMs: unknown field").contains("known: periodMs");
    }

    @Test
    void checksEveryElementOfAnArray() {
        var props = new Hashtable<String, Object>();
        props.put("periodMs", new String[] {"1", "x", "3"});
        assertThat(ConfigurationChecker.problems(definition(integerAttribute("periodMs")), props))
                .containsExactly("periodMs: value 'x' rejected: not an integer");
    }

    @Test
    void neverRepeatsASecretInTheLog() {
        AttributeDefinition password = TestMetatype.attribute("password", AttributeDefinition.PASSWORD, 0,
                new String[] {""}, v -> "too short");
        var props = new Hashtable<String, Object>();
        props.put("password", "hunter2");
        assertThat(ConfigurationChecker.problems(definition(password), props))
                .containsExactly("password: value rejected: too short");
    }
}
