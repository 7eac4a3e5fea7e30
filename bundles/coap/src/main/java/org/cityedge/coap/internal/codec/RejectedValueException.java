package org.cityedge.coap.internal.codec;

/** A write value the point cannot take; the message is for the person who asked. */
public final class RejectedValueException extends Exception {

    private static final long serialVersionUID = 1L;

    public RejectedValueException(String message) {
        super(message);
    }
}
