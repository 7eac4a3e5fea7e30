package org.cityedge.aqi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The breakpoint table, checked against its own copy of Decision 1459 (../shared/reference/vn-aqi-1459.md), so a
 * typo in either shows.
 */
class SubIndexTest {

    private static final double[] INDEX = {0, 50, 100, 150, 200, 300, 400, 500};
    private static final Map<Pollutant, double[]> DECISION = Map.of(
            Pollutant.O3, new double[] {0, 160, 200, 300, 400, 800, 1000, 1200},
            Pollutant.CO, new double[] {0, 10000, 30000, 45000, 60000, 90000, 120000, 150000},
            Pollutant.SO2, new double[] {0, 125, 350, 550, 800, 1600, 2100, 2630},
            Pollutant.NO2, new double[] {0, 100, 200, 700, 1200, 2350, 3100, 3850},
            Pollutant.PM10, new double[] {0, 50, 150, 250, 350, 420, 500, 600},
            Pollutant.PM25, new double[] {0, 25, 50, 80, 150, 250, 350, 500});
    /** The band of each breakpoint's index and of the index one above it. */
    private static final Map<Integer, AqiBand[]> BANDS_AT_EDGE = Map.of(
            50, new AqiBand[] {AqiBand.GOOD, AqiBand.MODERATE},
            100, new AqiBand[] {AqiBand.MODERATE, AqiBand.POOR},
            150, new AqiBand[] {AqiBand.POOR, AqiBand.BAD},
            200, new AqiBand[] {AqiBand.BAD, AqiBand.VERY_BAD},
            300, new AqiBand[] {AqiBand.VERY_BAD, AqiBand.HAZARDOUS},
            400, new AqiBand[] {AqiBand.HAZARDOUS, AqiBand.HAZARDOUS},
            500, new AqiBand[] {AqiBand.HAZARDOUS, AqiBand.HAZARDOUS});

    @Test
    void workedExampleOfTheDecision() {
        double subIndex = Pollutant.PM25.subIndex(20.3);
        assertThat(subIndex).isCloseTo(40.6, within(1e-9));
        assertThat(Math.round(subIndex)).isEqualTo(41);
        assertThat(AqiBand.of(Math.round(subIndex))).isEqualTo(AqiBand.GOOD);
    }

    static List<Arguments> edges() {
        List<Arguments> edges = new ArrayList<>();
        for (Pollutant p : Pollutant.values()) {
            for (int i = 1; i < INDEX.length; i++) {
                edges.add(Arguments.of(p, i));
            }
        }
        return edges;
    }

    @ParameterizedTest(name = "{0} breakpoint {1}")
    @MethodSource("edges")
    void bothSidesOfEveryBandEdge(Pollutant p, int i) {
        double[] bp = DECISION.get(p);
        int edgeIndex = (int) INDEX[i];
        // one index point either side of the edge, in concentration of the segment on that side
        double belowStep = (bp[i] - bp[i - 1]) / (INDEX[i] - INDEX[i - 1]);

        assertThat(p.subIndex(bp[i])).as("at BP").isCloseTo(edgeIndex, within(1e-9));
        assertThat(p.subIndex(bp[i] - belowStep)).as("one point below").isCloseTo(edgeIndex - 1, within(1e-9));
        assertThat(p.subIndex(bp[i] - 0.001)).as("a thousandth of a ug/m3 below").isLessThan(edgeIndex);
        assertThat(AqiBand.of(Math.round(p.subIndex(bp[i])))).isEqualTo(BANDS_AT_EDGE.get(edgeIndex)[0]);
        assertThat(AqiBand.of(Math.round(p.subIndex(bp[i] - belowStep))))
                .isEqualTo(BANDS_AT_EDGE.get(edgeIndex)[0]);
        if (i < INDEX.length - 1) {
            double aboveStep = (bp[i + 1] - bp[i]) / (INDEX[i + 1] - INDEX[i]);
            assertThat(p.subIndex(bp[i] + aboveStep)).as("one point above").isCloseTo(edgeIndex + 1, within(1e-9));
            assertThat(AqiBand.of(Math.round(p.subIndex(bp[i] + aboveStep))))
                    .isEqualTo(BANDS_AT_EDGE.get(edgeIndex)[1]);
        } else {
            assertThat(p.subIndex(bp[i] + 1)).as("above the last breakpoint").isEqualTo(500);
            assertThat(p.subIndex(bp[i] * 10)).isEqualTo(500);
        }
    }

    @Test
    void linearBetweenBreakpoints() {
        assertThat(Pollutant.NO2.subIndex(450)).isCloseTo(125, within(1e-9)); // midway 200..700 -> 100..150
        assertThat(Pollutant.CO.subIndex(5000)).isCloseTo(25, within(1e-9));
        assertThat(Pollutant.PM10.subIndex(385)).isCloseTo(250, within(1e-9)); // midway 350..420 -> 200..300
        assertThat(Pollutant.O3.subIndex(0)).isZero();
    }

    @Test
    void refusesWhatIsNoConcentration() {
        assertThatThrownBy(() -> Pollutant.SO2.subIndex(-0.1)).hasMessageContaining("so2");
        assertThatThrownBy(() -> Pollutant.SO2.subIndex(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Pollutant.SO2.subIndex(Double.POSITIVE_INFINITY))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void bandsCoverZeroToFiveHundredWithoutGaps() {
        int[][] edges = {{0, 50}, {51, 100}, {101, 150}, {151, 200}, {201, 300}, {301, 500}};
        AqiBand[] bands = AqiBand.values();
        for (int b = 0; b < edges.length; b++) {
            assertThat(AqiBand.of(edges[b][0])).isEqualTo(bands[b]);
            assertThat(AqiBand.of(edges[b][1])).isEqualTo(bands[b]);
        }
        assertThat(AqiBand.GOOD.code).isEqualTo("good");
        assertThat(AqiBand.VERY_BAD.code).isEqualTo("very-bad");
        assertThat(AqiBand.HAZARDOUS.rgb).isEqualTo("126,0,35");
        assertThatThrownBy(() -> AqiBand.of(501)).hasMessageContaining("501");
        assertThatThrownBy(() -> AqiBand.of(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
