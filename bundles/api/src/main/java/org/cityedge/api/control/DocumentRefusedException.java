package org.cityedge.api.control;

/**
 * A signed policy document refused, with a stable machine code for the IOC (e.g. {@code bad-signature},
 * {@code replayed-version}, {@code invalid-document}) and a message a person understands.
 */
public class DocumentRefusedException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String code;

    public DocumentRefusedException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
