package org.cityedge.aqi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class NowCastTest {

    private static final double N = Double.NaN;

    @Test
    void steadyAirGivesItsOwnConcentration() {
        double[] hours = new double[12];
        Arrays.fill(hours, 20.3);
        assertThat(NowCast.of(hours).getAsDouble()).isCloseTo(20.3, within(1e-9));
    }

    @Test
    void weightIsTheMinToMaxRatioWhenAboveOneHalf() {
        // w* = 20/30 = 2/3: (30 + 2/3*20 + 4/9*25) / (1 + 2/3 + 4/9) = (490/9) / (19/9)
        assertThat(NowCast.of(new double[] {30, 20, 25}).getAsDouble()).isCloseTo(490.0 / 19, within(1e-9));
    }

    @Test
    void weightIsOneHalfWhenAirChangesFast() {
        // w* = 10/40 = 0.25 -> w = 0.5: (10 + 0.5*40 + 0.25*40) / 1.75
        assertThat(NowCast.of(new double[] {10, 40, 40}).getAsDouble()).isCloseTo(160.0 / 7, within(1e-9));
    }

    @Test
    void missingHoursLeaveBothSumsButKeepTheirPlace() {
        // w = 0.5 (w* = 20/40); terms at hours 1, 3 and 5: 40*1 + 20*0.25 + 30*0.0625 over 1 + 0.25 + 0.0625
        double[] hours = {40, N, 20, N, 30, N, N, N, N, N, N, N};
        assertThat(NowCast.of(hours).getAsDouble()).isCloseTo(250.0 / 7, within(1e-9));
    }

    @Test
    void needsTwoOfTheLatestThreeHours() {
        assertThat(NowCast.of(new double[] {N, 30, 30, 30})).hasValue(30);
        assertThat(NowCast.of(new double[] {30, N, 30})).hasValue(30);
        assertThat(NowCast.of(new double[] {30, N, N, 30, 30, 30})).isEmpty();
        assertThat(NowCast.of(new double[] {N, N, 30, 30, 30, 30})).isEmpty();
        assertThat(NowCast.of(new double[] {30})).isEmpty();
        assertThat(NowCast.of(new double[] {N, N, N})).isEmpty();
    }

    @Test
    void onlyTwelveHoursCount() {
        double[] thirteen = {10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 9000};
        assertThat(NowCast.of(thirteen).getAsDouble()).isCloseTo(10, within(1e-9));
    }

    @Test
    void cleanAirIsZeroNotNaN() {
        assertThat(NowCast.of(new double[] {0, 0, N, 0})).hasValue(0);
    }
}
