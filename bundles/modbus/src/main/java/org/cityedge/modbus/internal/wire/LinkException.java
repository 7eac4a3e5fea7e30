package org.cityedge.modbus.internal.wire;

/** A failed Modbus transaction, classified. */
public final class LinkException extends Exception {

    private static final long serialVersionUID = 1L;

    private final ErrorKind kind;
    private final int exceptionCode;

    public LinkException(ErrorKind kind, String message) {
        this(kind, 0, message, null);
    }

    public LinkException(ErrorKind kind, int exceptionCode, String message, Throwable cause) {
        super(message, cause, false, false);
        this.kind = kind;
        this.exceptionCode = exceptionCode;
    }

    /** A Modbus exception reply. */
    public static LinkException exceptionReply(int code) {
        return new LinkException(ErrorKind.EXCEPTION, code, "exception reply " + code + " (" + describe(code) + ")",
                null);
    }

    public ErrorKind kind() {
        return kind;
    }

    /** The Modbus exception code for {@link ErrorKind#EXCEPTION}, else 0. */
    public int exceptionCode() {
        return exceptionCode;
    }

    /** Key of the error counter and reason of the samples it spoils: {@code timeout}, {@code exception:2}, ... */
    public String counterKey() {
        return kind == ErrorKind.EXCEPTION ? "exception:" + exceptionCode : kind.key();
    }

    private static String describe(int code) {
        return switch (code) {
            case 1 -> "illegal function";
            case 2 -> "illegal data address";
            case 3 -> "illegal data value";
            case 4 -> "device failure";
            case 5 -> "acknowledge";
            case 6 -> "device busy";
            case 10 -> "gateway path unavailable";
            case 11 -> "gateway target did not respond";
            default -> "code " + code;
        };
    }
}
