package org.cityedge.rules.document;

/** A canonical point of a named device, written {@code deviceId.point} in a rule's inputs. */
public record PointRef(String deviceId, String point) {

    /** Reads {@code deviceId.point}; the point is what follows the last dot (device ids may contain dots). */
    public static PointRef parse(String text) {
        int dot = text.lastIndexOf('.');
        return new PointRef(text.substring(0, dot), text.substring(dot + 1));
    }

    @Override
    public String toString() {
        return deviceId + "." + point;
    }
}
