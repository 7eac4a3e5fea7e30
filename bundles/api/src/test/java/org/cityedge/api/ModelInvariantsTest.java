package org.cityedge.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.cityedge.api.model.Quality;
import org.cityedge.api.model.Sample;
import org.cityedge.api.profile.AddressRange;
import org.cityedge.api.profile.DataType;
import org.cityedge.api.profile.DeviceLimits;
import org.cityedge.api.profile.DeviceProfile;
import org.cityedge.api.profile.PointDefinition;
import org.cityedge.api.profile.RegisterTable;
import org.cityedge.api.site.BusDefinition;
import org.cityedge.api.site.BusType;
import org.cityedge.api.site.Parity;
import org.junit.jupiter.api.Test;

class ModelInvariantsTest {

    private static PointDefinition point(String name, RegisterTable table, DataType type) {
        return new PointDefinition(name, table, 10, type, null, null, 1, 0, null, null, 0.0, 100.0, null,
                type == DataType.BITFIELD ? Map.of(0, "lampFailure") : null, null);
    }

    @Test
    void sampleAcceptsOnlyTheCanonicalValueTypes() {
        assertThat(Sample.good("d", "p", 1.5, "W", 1).quality()).isEqualTo(Quality.GOOD);
        assertThatThrownBy(() -> Sample.good("d", "p", 1.5f, "W", 1)).hasMessageContaining("Float");
        Sample stale = Sample.good("d", "p", 1L, null, 1).asStale(5, "timeout");
        assertThat(stale).extracting(Sample::value, Sample::timestamp, Sample::quality, Sample::unit)
                .containsExactly(1L, 5L, Quality.STALE, "");
    }

    @Test
    void forbiddenRangesBlockOverlappingReadsOnlyInTheirTable() {
        DeviceLimits limits = new DeviceLimits(60, 2000, List.of(new AddressRange(RegisterTable.HOLDING, 20, 29)),
                500, 0);
        assertThat(limits.isForbidden(RegisterTable.HOLDING, 15, 5)).isFalse(); // 15..19
        assertThat(limits.isForbidden(RegisterTable.HOLDING, 15, 6)).isTrue(); // 15..20
        assertThat(limits.isForbidden(RegisterTable.HOLDING, 29, 1)).isTrue();
        assertThat(limits.isForbidden(RegisterTable.INPUT, 20, 10)).isFalse();
        assertThatThrownBy(() -> new DeviceLimits(126, 2000, List.of(), 500, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void pointWidthWritabilityAndRange() {
        assertThat(point("energy", RegisterTable.INPUT, DataType.FLOAT64).width()).isEqualTo(4);
        assertThat(point("lampOn", RegisterTable.COIL, DataType.BOOL).width()).isEqualTo(1);
        PointDefinition dim = new PointDefinition("dimLevel", RegisterTable.HOLDING, 0, DataType.UINT16, null, null,
                1, 0, "%", org.cityedge.api.profile.Access.READ_WRITE, 0.0, 100.0, null, null, null);
        assertThat(dim.writable()).isTrue();
        assertThat(dim.inRange(100)).isTrue();
        assertThat(dim.inRange(100.5)).isFalse();
        // read-write declared on an input register is still not writable: Modbus has no write for it
        PointDefinition input = new PointDefinition("x", RegisterTable.INPUT, 0, DataType.UINT16, null, null, 1, 0,
                null, org.cityedge.api.profile.Access.READ_WRITE, null, null, null, null, null);
        assertThat(input.writable()).isFalse();
    }

    @Test
    void profileFindsBitfieldMembersThroughTheirRegister() {
        PointDefinition faults = point("faults", RegisterTable.INPUT, DataType.BITFIELD);
        DeviceProfile profile = new DeviceProfile("p", "v", "m", null, null, null, List.of(faults), null, null, "p.yaml");
        assertThat(profile.point("lampFailure")).contains(faults);
        assertThat(profile.point("nope")).isEmpty();
        assertThat(profile.limits()).isEqualTo(DeviceLimits.DEFAULT);
    }

    @Test
    void bitsPerCharacterFollowsParityAndStopBits() {
        assertThat(new BusDefinition("b", BusType.SERIAL, "/dev/x", 9600, Parity.EVEN, 1, null, 0, 0, 1)
                .bitsPerCharacter()).isEqualTo(11);
        assertThat(new BusDefinition("b", BusType.SERIAL, "/dev/x", 9600, Parity.NONE, 2, null, 0, 0, 1)
                .bitsPerCharacter()).isEqualTo(11);
        assertThat(new BusDefinition("b", BusType.SERIAL, "/dev/x", 9600, Parity.NONE, 1, null, 0, 0, 1)
                .bitsPerCharacter()).isEqualTo(10);
    }
}
