package org.cityedge.api.site;

/** WGS84 position in decimal degrees. */
public record GeoPoint(double latitude, double longitude) {

    public GeoPoint {
        if (latitude < -90 || latitude > 90 || longitude < -180 || longitude > 180) {
            throw new IllegalArgumentException("position out of range: " + latitude + ", " + longitude);
        }
    }
}
