package org.cityedge.provisioning.internal.settings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.ObjectClassDefinition;

/**
 * Checks settings against a PID's Metatype description: unknown keys (with the known ones listed) and values each
 * attribute definition rejects. Shared by the start-up/change check of every configuration and by configure().
 */
public final class MetatypeCheck {

    /** Properties ConfigAdmin and FileInstall add themselves. */
    public static final String FILE_PROPERTY = "felix.fileinstall.filename";
    private static final Set<String> MANAGED_KEYS = Set.of("service.pid", "service.factoryPid",
            "service.bundleLocation", FILE_PROPERTY);

    private MetatypeCheck() {
    }

    /** Keys not described by Metatype that a configuration may still carry. */
    public static boolean isManagedKey(String key) {
        return MANAGED_KEYS.contains(key) || key.startsWith("component.") || key.startsWith(".");
    }

    /** The attribute definitions by id, in declaration order. */
    public static Map<String, AttributeDefinition> attributes(ObjectClassDefinition ocd) {
        AttributeDefinition[] all = ocd.getAttributeDefinitions(ObjectClassDefinition.ALL);
        Map<String, AttributeDefinition> out = new LinkedHashMap<>();
        for (AttributeDefinition ad : all == null ? new AttributeDefinition[0] : all) {
            out.put(ad.getID(), ad);
        }
        return out;
    }

    /** Every problem of the given properties: unknown keys first, then rejected values. */
    public static List<SettingProblem> check(ObjectClassDefinition ocd, Map<String, ?> properties) {
        Map<String, AttributeDefinition> known = attributes(ocd);
        List<SettingProblem> problems = new ArrayList<>();
        for (String key : properties.keySet()) {
            if (!known.containsKey(key) && !isManagedKey(key)) {
                problems.add(unknown(ocd, key));
            }
        }
        for (AttributeDefinition ad : known.values()) {
            Object value = properties.get(ad.getID());
            if (value != null) {
                problems.addAll(checkValue(ad, value));
            }
        }
        return problems;
    }

    /** The problem of a key the description does not know. */
    public static SettingProblem unknown(ObjectClassDefinition ocd, String key) {
        return new SettingProblem(key, "unknown field for " + ocd.getID() + " (known: "
                + String.join(", ", new java.util.TreeSet<>(attributes(ocd).keySet())) + ")");
    }

    /** Each element of a value through the attribute's own validation; a secret's value is not repeated. */
    public static List<SettingProblem> checkValue(AttributeDefinition ad, Object value) {
        List<SettingProblem> problems = new ArrayList<>();
        boolean secret = Secrets.isSecret(ad.getID(), ad);
        for (String text : SettingText.elements(value)) {
            String verdict = ad.validate(text);
            if (verdict != null && !verdict.isEmpty()) {
                problems.add(new SettingProblem(ad.getID(),
                        (secret ? "value" : "value '" + text + "'") + " rejected: " + verdict));
            }
        }
        return problems;
    }
}
