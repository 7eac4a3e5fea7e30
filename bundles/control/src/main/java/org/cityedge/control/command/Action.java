package org.cityedge.control.command;

/** The actions of cmd.schema.json. */
enum Action {
    DIM("dim"), SWITCH("switch"), OVERRIDE("override"), RESUME("resume"), READ("read"), STATUS("status"),
    CONFIG("config"), PLAN("plan"), PUSH_RULES("push-rules", "ruleset"), SET_SCHEDULE("set-schedule", "schedule");

    final String wire;
    /** For the signed-document actions: the document type installed. */
    final String documentType;

    Action(String wire) {
        this(wire, null);
    }

    Action(String wire, String documentType) {
        this.wire = wire;
        this.documentType = documentType;
    }

    static Action of(String wire) {
        for (Action a : values()) {
            if (a.wire.equals(wire)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown action " + wire);
    }
}
