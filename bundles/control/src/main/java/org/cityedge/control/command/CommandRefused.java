package org.cityedge.control.command;

/** A command refused as a whole before anything was done: a stable code, a message for people, the field at fault. */
final class CommandRefused extends Exception {

    private static final long serialVersionUID = 1L;

    private final String code;
    private final String field;

    CommandRefused(String code, String message, String field) {
        super(message, null, false, false);
        this.code = code;
        this.field = field;
    }

    CommandRefused(String code, String message) {
        this(code, message, null);
    }

    String code() {
        return code;
    }

    /** JSON pointer of the request field at fault, or null. */
    String field() {
        return field;
    }
}
