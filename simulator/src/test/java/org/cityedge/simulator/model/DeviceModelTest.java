package org.cityedge.simulator.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.time.ZoneOffset;

import org.cityedge.api.profile.RegisterTable;
import org.cityedge.simulator.TestProfiles;
import org.cityedge.simulator.modbus.ModbusException;
import org.junit.jupiter.api.Test;

class DeviceModelTest {

    private static final Instant EVENING = Instant.parse("2026-11-23T19:00:00Z");

    private final DeviceModel lamp = new DeviceModel(TestProfiles.lamp(), 7, ZoneOffset.UTC, EVENING);

    /** Ticks the model for {@code seconds} in 1 s steps. */
    private static void run(DeviceModel m, int seconds) {
        Instant t = m.now().toInstant();
        for (int i = 1; i <= seconds; i++) {
            m.tick(t.plusSeconds(i), 1);
        }
    }

    @Test
    void writingDimLevelChangesActivePower() throws ModbusException {
        assertThat(lamp.value("activePower")).isEqualTo(120);
        lamp.writeRegisters(0, new int[] {40});
        assertThat(lamp.value("activePower")).isCloseTo(48, within(1e-9));
        assertThat(lamp.readRegisters(RegisterTable.INPUT, 12, 1)).containsExactly(480);
    }

    @Test
    void switchingOffStopsPowerAndSwitchingOnCounts() throws ModbusException {
        lamp.writeCoils(0, new boolean[] {false});
        assertThat(lamp.value("activePower")).isZero();
        lamp.writeCoils(0, new boolean[] {true});
        lamp.writeCoils(0, new boolean[] {true});   // already on: not a switching
        assertThat(lamp.value("switchCount")).isEqualTo(1);
        assertThat(lamp.readRegisters(RegisterTable.INPUT, 24, 2)).containsExactly(0, 1);
    }

    @Test
    void aFailedLampDrawsNothingWhileOnAndRaisesItsFlag() {
        lamp.failLamp(true);
        assertThat(lamp.value("powerState")).isEqualTo(1);
        assertThat(lamp.value("activePower")).isZero();
        assertThat(lamp.value("lampFailure")).isEqualTo(1);
        assertThat(lamp.value("faultFlags")).isEqualTo(1);
        lamp.failLamp(false);
        assertThat(lamp.value("activePower")).isEqualTo(120);
        assertThat(lamp.value("faultFlags")).isZero();
    }

    @Test
    void energyAccumulates() throws ModbusException {
        run(lamp, 600);   // 120 W for 10 minutes = 20 Wh
        assertThat(lamp.value("activeEnergy")).isCloseTo(0.020, within(1e-6));
        assertThat(lamp.readRegisters(RegisterTable.INPUT, 20, 2)).containsExactly(0, 20);
    }

    @Test
    void unknownPointsHoldTheMiddleOfTheirRange() {
        assertThat(lamp.value("mysteryValue")).isEqualTo(20);
    }

    @Test
    void writableSetsAreCheckedAndMeasuredSetsArePinned() {
        assertThatThrownBy(() -> lamp.set("dimLevel", 150)).isInstanceOf(IllegalArgumentException.class);
        lamp.set("voltage", 210);
        run(lamp, 3);
        assertThat(lamp.value("voltage")).isEqualTo(210);
        lamp.release("voltage");
        run(lamp, 1);
        assertThat(lamp.value("voltage")).isCloseTo(230, within(10.0));
        assertThatThrownBy(() -> lamp.value("nope")).hasMessageContaining("no point nope");
    }

    @Test
    void waterRisesWithRainAndTheGaugeAccumulates() {
        DeviceModel gauge = new DeviceModel(TestProfiles.gauge(), 3, ZoneOffset.UTC, EVENING);
        gauge.set("rainRate", 30);
        double before = gauge.value("currentLevel");
        run(gauge, 3600);
        assertThat(gauge.value("currentLevel")).isGreaterThan(before + 0.3);
        assertThat(gauge.value("precipitation")).isCloseTo(30, within(0.01));
        gauge.set("precipitationReset", 1);
        assertThat(gauge.value("precipitation")).isZero();
        assertThat(gauge.value("precipitationReset")).isZero();
    }

    @Test
    void sameSeedSameValues() {
        DeviceModel a = new DeviceModel(TestProfiles.lamp(), 99, ZoneOffset.UTC, EVENING);
        DeviceModel b = new DeviceModel(TestProfiles.lamp(), 99, ZoneOffset.UTC, EVENING);
        run(a, 5);
        run(b, 5);
        assertThat(a.registers(RegisterTable.INPUT, 0, 42)).isEqualTo(b.registers(RegisterTable.INPUT, 0, 42));
    }
}
