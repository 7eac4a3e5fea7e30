package org.cityedge.api.uplink;

/** What a buffered message is; decides its default priority and its JSON Schema (docs/mqtt). */
public enum MessageKind {
    TELEMETRY(Priority.BULK),
    EVENT(Priority.URGENT),
    HEALTH(Priority.NORMAL),
    REPLY(Priority.URGENT);

    private final Priority defaultPriority;

    MessageKind(Priority defaultPriority) {
        this.defaultPriority = defaultPriority;
    }

    public Priority defaultPriority() {
        return defaultPriority;
    }
}
