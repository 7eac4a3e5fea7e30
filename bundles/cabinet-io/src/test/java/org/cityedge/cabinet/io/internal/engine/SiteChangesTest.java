package org.cityedge.cabinet.io.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.cityedge.api.site.Site;
import org.junit.jupiter.api.Test;

class SiteChangesTest {

    @Test
    void devicesAddedAndRemovedArePickedUp() throws Exception {
        try (Rig rig = new Rig(Rig.DEFAULT_PINS)) {
            rig.scanAt(0);
            assertThat(rig.engine.deviceIds()).containsExactly("cab-1");

            rig.engine.update(Rig.site("cab-2", "cab-3"), Map.of(Rig.PROFILE.id(), Rig.PROFILE));
            rig.engine.awaitQueued();
            assertThat(rig.engine.deviceIds()).as("one set of pins: the first GPIO device").containsExactly("cab-2");
            assertThat(rig.engine.health()).singleElement().satisfies(h -> assertThat(h.deviceId()).isEqualTo("cab-2"));
            rig.scanAt(20);
            assertThat(rig.samples).anyMatch(s -> s.deviceId().equals("cab-2"));
            assertThat(rig.engine.write("cab-1", "contactorState", true).toCompletableFuture()
                    .get(10, TimeUnit.SECONDS).error()).contains("unknown device cab-1");

            rig.engine.update(Site.EMPTY, Map.of());
            rig.engine.awaitQueued();
            assertThat(rig.engine.deviceIds()).isEmpty();
            assertThat(rig.engine.health()).isEmpty();

            rig.engine.update(Rig.site("cab-1"), Map.of()); // profile missing: not served
            rig.engine.awaitQueued();
            assertThat(rig.engine.deviceIds()).isEmpty();
        }
    }

    @Test
    void readNowReadsEveryPoint() throws Exception {
        try (Rig rig = new Rig(Rig.DEFAULT_PINS)) {
            rig.scanAt(0);
            assertThat(rig.engine.readNow("cab-1").toCompletableFuture().get(10, TimeUnit.SECONDS))
                    .extracting(s -> s.point() + "=" + s.value())
                    .containsExactly("contactorState=false", "doorOpen=false", "photocellDark=false");
        }
    }
}
