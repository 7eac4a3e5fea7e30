package org.cityedge.cabinet.io.internal.gpio;

/** The GPIO provider could not open the pins (no GPIO chip, no permission, native library missing ...). */
public final class GpioUnavailableException extends Exception {

    private static final long serialVersionUID = 1L;

    public GpioUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
