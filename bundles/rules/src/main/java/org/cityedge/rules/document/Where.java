package org.cityedge.rules.document;

/** Names a place in a rule set document for people: {@code rules[2] (photocell).actions[0].write.value}. */
public final class Where {

    private Where() {
    }

    public static String rule(int index, String id, String field) {
        String rule = "rules[" + index + "]" + (id == null || id.isEmpty() ? "" : " (" + id + ")");
        return field == null || field.isEmpty() ? rule : rule + "." + field;
    }
}
