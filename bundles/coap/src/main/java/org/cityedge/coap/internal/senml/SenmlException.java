package org.cityedge.coap.internal.senml;

/** A pack that is not valid SenML; the message says what is wrong, for the sender's diagnostic payload. */
public final class SenmlException extends Exception {

    private static final long serialVersionUID = 1L;

    public SenmlException(String message) {
        super(message);
    }
}
