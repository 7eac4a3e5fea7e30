package org.cityedge.aqi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** ppm and ppb at 25 Cel and 1 atm, against the conversion factors published for each gas. */
class ConcentrationsTest {

    @Test
    void mixingRatiosBecomeMicrogramsAtTwentyFiveDegrees() {
        // 1 ppm CO = 1145 ug/m3; 1 ppb NO2 = 1.88, SO2 = 2.62, O3 = 1.96 ug/m3 (25 Cel, 1 atm)
        assertThat(convert(Pollutant.CO, 1, "[ppm]")).isCloseTo(1145.6, within(0.1));
        assertThat(convert(Pollutant.CO, 1, "ppm")).isCloseTo(1145.6, within(0.1));
        assertThat(convert(Pollutant.NO2, 1, "[ppb]")).isCloseTo(1.88, within(0.005));
        assertThat(convert(Pollutant.SO2, 1, "[ppb]")).isCloseTo(2.62, within(0.005));
        assertThat(convert(Pollutant.O3, 1, "ppb")).isCloseTo(1.96, within(0.005));
        assertThat(convert(Pollutant.NO2, 0.1, "[ppm]")).isCloseTo(188.2, within(0.1));
    }

    @Test
    void massConcentrationsScaleOnly() {
        assertThat(convert(Pollutant.CO, 10, "mg/m3")).isEqualTo(10000);
        assertThat(convert(Pollutant.PM25, 20.3, "ug/m3")).isEqualTo(20.3);
    }

    @Test
    void aCoReadingInPpmMeetsTheBreakpointInMicrograms() {
        // the CO breakpoint of index 50 is 10000 ug/m3 = 10000 * 24.45 / 28.01 / 1000 ppm = 8.729 ppm
        double ppm = 10000 * 24.45 / 28.010 / 1000;
        assertThat(Pollutant.CO.subIndex(convert(Pollutant.CO, ppm, "[ppm]"))).isCloseTo(50, within(1e-6));
    }

    @Test
    void refusesUnitsThatAreNoConcentration() {
        assertThatThrownBy(() -> convert(Pollutant.PM25, 1, "[ppm]"))
                .hasMessageContaining("pm25").hasMessageContaining("[ppm]");
        assertThatThrownBy(() -> convert(Pollutant.NO2, 1, "ug/L")).hasMessageContaining("no2")
                .hasMessageContaining("'ug/L'");
        assertThatThrownBy(() -> convert(Pollutant.O3, 1, "")).hasMessageContaining("''");
    }

    /** The station's profile must report what this bundle reads: its pollutant points, in a concentration unit. */
    @Test
    void theAirQualityProfileReportsEveryPollutantInMicrograms() throws IOException {
        Map<String, String> units = units(Path.of("../../device-profiles/mekong-aqm6.yaml"));
        for (Pollutant p : Pollutant.values()) {
            assertThat(units).as(p.point).containsEntry(p.point, "ug/m3");
            assertThat(convert(p, 12.5, units.get(p.point))).isEqualTo(12.5);
        }
    }

    private static double convert(Pollutant p, double value, String unit) {
        return Concentrations.toMicrogramsPerCubicMetre(p, value, unit);
    }

    /** point name to unit, from the profile's {@code - name:} / {@code unit:} lines. */
    private static Map<String, String> units(Path profile) throws IOException {
        Map<String, String> units = new HashMap<>();
        String point = null;
        List<String> lines = Files.readAllLines(profile);
        for (String line : lines) {
            String t = line.strip();
            if (t.startsWith("- name:")) {
                point = t.substring("- name:".length()).strip();
            } else if (t.startsWith("unit:") && point != null) {
                units.put(point, t.substring("unit:".length()).strip().replace("\"", ""));
            }
        }
        return units;
    }
}
