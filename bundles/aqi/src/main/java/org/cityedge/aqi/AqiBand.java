package org.cityedge.aqi;

/** The decision's bands of the (integer) index, with the published name, the Vietnamese name and the colour. */
enum AqiBand {
    GOOD(0, 50, "good", "T\u1ed1t", "0,228,0"),
    MODERATE(51, 100, "moderate", "Trung b\u00ecnh", "255,255,0"),
    POOR(101, 150, "poor", "K\u00e9m", "255,126,0"),
    BAD(151, 200, "bad", "X\u1ea5u", "255,0,0"),
    VERY_BAD(201, 300, "very-bad", "R\u1ea5t x\u1ea5u", "143,63,151"),
    HAZARDOUS(301, 500, "hazardous", "Nguy h\u1ea1i", "126,0,35");

    final int low;
    final int high;
    /** The value of the {@code vnAqiBand} point. */
    final String code;
    final String vietnamese;
    /** R,G,B as in the decision. */
    final String rgb;

    AqiBand(int low, int high, String code, String vietnamese, String rgb) {
        this.low = low;
        this.high = high;
        this.code = code;
        this.vietnamese = vietnamese;
        this.rgb = rgb;
    }

    static AqiBand of(long index) {
        for (AqiBand band : values()) {
            if (index >= band.low && index <= band.high) {
                return band;
            }
        }
        throw new IllegalArgumentException("VN_AQI must lie in 0-500, was " + index);
    }
}
