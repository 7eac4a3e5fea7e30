package org.cityedge.modbus.internal.codec;

/** A value that cannot be written to a point; the message says why, for people. */
public final class RejectedValueException extends Exception {

    private static final long serialVersionUID = 1L;

    public RejectedValueException(String message) {
        super(message);
    }
}
