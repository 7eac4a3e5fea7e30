package org.cityedge.provisioning.internal.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.cityedge.api.provision.ChangeResult;
import org.cityedge.api.provision.FieldProblem;
import org.cityedge.api.provision.Identity;
import org.cityedge.api.site.BusDefinition;
import org.cityedge.api.site.BusType;
import org.cityedge.api.site.DeviceDefinition;
import org.cityedge.api.site.GeoPoint;
import org.cityedge.api.site.Parity;
import org.cityedge.api.site.Site;
import org.cityedge.provisioning.internal.FakeSite;
import org.junit.jupiter.api.Test;

class SiteChangesTest {

    private static final GeoPoint DONG_XOAI = new GeoPoint(11.53, 106.89);
    private static final BusDefinition RS485 = new BusDefinition("rs485-1", BusType.SERIAL, "/dev/ttyUSB0", 9600,
            Parity.EVEN, 1, null, 0, 0, 1);
    private static final DeviceDefinition LAMP_1 = new DeviceDefinition("lamp-1", "Lamp 1", "rs485-1", 1,
            "saigon-slc-100", DONG_XOAI, "circuit-a");
    private static final DeviceDefinition LAMP_2 = new DeviceDefinition("lamp-2", "Lamp 2", "rs485-1", 2,
            "saigon-slc-100", DONG_XOAI, "circuit-a");

    private final FakeSite fake = new FakeSite(new Site("dong-xoai", "dx-cab-001", DONG_XOAI, "Asia/Ho_Chi_Minh",
            List.of(RS485), List.of(LAMP_1, LAMP_2)));
    private final SiteChanges changes = new SiteChanges(() -> fake, () -> fake);

    @Test
    void identityComesFromTheRunningSite() {
        assertThat(changes.identity()).isEqualTo(new Identity("dong-xoai", "dx-cab-001", DONG_XOAI,
                "Asia/Ho_Chi_Minh"));
        assertThat(changes.provisioned()).isTrue();
        assertThat(new SiteChanges(() -> null, () -> null).provisioned()).isFalse();
    }

    @Test
    void refusesIdsThatAreNotTopicSafeAZoneThatIsNotAZoneAndAMissingPosition() {
        ChangeResult result = changes.setIdentity(new Identity("Dong Xoai", "dx/cab#1", null, "Asia/Saigon City"));
        assertThat(result.problems()).extracting(FieldProblem::field)
                .containsExactly("site", "gatewayId", "timezone", "location");
        assertThat(fake.site().site()).isEqualTo("dong-xoai");
        assertThat(changes.setIdentity(new Identity("-x", "a".repeat(64), DONG_XOAI, "UTC")).problems())
                .extracting(FieldProblem::field).containsExactly("site", "gatewayId");
    }

    @Test
    void writesTheIdentityAndKeepsBusesAndDevices() {
        ChangeResult result = changes.setIdentity(new Identity("binh-phuoc", "bp-cab-007", new GeoPoint(11.7, 106.7),
                "Asia/Ho_Chi_Minh"));
        assertThat(result.applied()).isTrue();
        assertThat(fake.site().gatewayId()).isEqualTo("bp-cab-007");
        assertThat(fake.site().location()).isEqualTo(new GeoPoint(11.7, 106.7));
        assertThat(fake.site().devices()).containsExactly(LAMP_1, LAMP_2);
    }

    @Test
    void assignAddsNewAndReplacesByIdInPlace() {
        DeviceDefinition renamed = new DeviceDefinition("lamp-1", "Lamp 1, Tran Hung Dao", "rs485-1", 1,
                "saigon-slc-100", DONG_XOAI, "circuit-b");
        DeviceDefinition added = new DeviceDefinition("lamp-3", "Lamp 3", "rs485-1", 3, "saigon-slc-100", null, null);
        assertThat(changes.assign(List.of(), List.of(renamed, added)).applied()).isTrue();
        assertThat(fake.site().devices()).containsExactly(renamed, LAMP_2, added);
        assertThat(fake.site().buses()).containsExactly(RS485);
    }

    @Test
    void theEditorsProblemsNameFileLineAndField() {
        DeviceDefinition bad = new DeviceDefinition("lamp-9", "Lamp 9", "rs485-1", 0, "saigon-slc-100", null, null);
        ChangeResult result = changes.assign(null, List.of(bad));
        assertThat(result.problems()).containsExactly(new FieldProblem("site.yaml:12: devices[2].unitId",
                "must be 1-247"));
        assertThat(fake.site().devices()).containsExactly(LAMP_1, LAMP_2);
    }

    @Test
    void removesKnownDevicesAndRefusesUnknownOnesRemovingNothing() {
        ChangeResult refused = changes.removeDevices(List.of("lamp-1", "lamp-42"));
        assertThat(refused.problems()).extracting(FieldProblem::field).containsExactly("devices/lamp-42");
        assertThat(fake.site().devices()).containsExactly(LAMP_1, LAMP_2);
        assertThat(changes.removeDevices(List.of("lamp-1")).applied()).isTrue();
        assertThat(fake.site().devices()).containsExactly(LAMP_2);
    }

    @Test
    void withoutTheSiteBundleChangesAreRefused() {
        SiteChanges none = new SiteChanges(() -> null, () -> null);
        assertThat(none.assign(List.of(RS485), List.of()).problems()).extracting(FieldProblem::field)
                .containsExactly("site");
        assertThat(none.identity().gatewayId()).isEqualTo(Site.EMPTY.gatewayId());
    }
}
