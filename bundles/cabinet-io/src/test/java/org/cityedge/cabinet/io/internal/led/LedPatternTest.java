package org.cityedge.cabinet.io.internal.led;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.cityedge.api.field.DeviceHealth;
import org.cityedge.api.field.DeviceState;
import org.cityedge.api.uplink.LinkState;
import org.cityedge.api.uplink.UplinkStatus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LedPatternTest {

    private static UplinkStatus uplink(LinkState state) {
        return new UplinkStatus(state, "ssl://broker:8883", "gw-1", null, false, 0, 0, 0, 0);
    }

    private static DeviceHealth device(DeviceState state) {
        return new DeviceHealth("d", "bus", state, 0, 0, 0, java.util.Map.of());
    }

    @ParameterizedTest(name = "site={0} uplink={1} devices={2} -> {3}")
    @CsvSource({
        "true,  CONNECTED,  ONLINE,   STEADY",
        "true,  CONNECTED,  UNKNOWN,  STEADY",
        "true,  CONNECTED,  DEGRADED, DOUBLE_FLASH",
        "true,  CONNECTED,  OFFLINE,  DOUBLE_FLASH",
        "true,  CONNECTING, ONLINE,   SLOW_BLINK",
        "true,  REFUSED,    ONLINE,   SLOW_BLINK",
        "true,  DISABLED,   ONLINE,   SLOW_BLINK",
        "true,  NONE,       ONLINE,   SLOW_BLINK",
        "true,  CONNECTING, OFFLINE,  FAST_BLINK",
        "true,  NONE,       DEGRADED, FAST_BLINK",
        "false, CONNECTED,  ONLINE,   FAST_BLINK",
        "false, CONNECTING, OFFLINE,  FAST_BLINK",
    })
    void patternForEveryCombination(boolean site, String link, DeviceState devices, LedPattern expected) {
        UplinkStatus status = link.equals("NONE") ? null : uplink(LinkState.valueOf(link));
        List<DeviceHealth> health = List.of(device(DeviceState.ONLINE), device(devices));
        assertThat(LedPattern.select(site, status, health)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
        "OFF,          ....................",
        "STEADY,       ####################",
        "SLOW_BLINK,   ##########..........",
        "DOUBLE_FLASH, ##..##..............",
        "FAST_BLINK,   ##..##..##..##..##..",
    })
    void patternsOverOneCycle(LedPattern pattern, String expected) {
        StringBuilder seen = new StringBuilder();
        for (long t = 4_000; t < 6_000; t += LedPattern.SLOT_MS) {
            seen.append(pattern.lit(t + 50) ? '#' : '.');
        }
        assertThat(seen).hasToString(expected);
    }
}
