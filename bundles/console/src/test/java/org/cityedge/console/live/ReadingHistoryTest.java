package org.cityedge.console.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.cityedge.api.model.Sample;
import org.cityedge.console.ManualClock;
import org.cityedge.console.live.ReadingHistory.Reading;
import org.junit.jupiter.api.Test;

class ReadingHistoryTest {

    private final ManualClock clock = new ManualClock(1_000_000);
    private final ReadingHistory history = new ReadingHistory(clock);

    @Test
    void keepsTheLast32NumericValuesOldestFirstAndTheLatestSample() {
        for (int i = 1; i <= 40; i++) {
            history.accept(List.of(Sample.good("sl-001", "activePower", (double) i, "W", 1000L * i)));
        }

        Reading r = history.device("sl-001").get("activePower");

        assertThat(r.latest().value()).isEqualTo(40.0);
        assertThat(r.values()).hasSize(ReadingHistory.DEPTH);
        assertThat(r.values()[0]).isEqualTo(9.0);
        assertThat(r.values()[31]).isEqualTo(40.0);
        assertThat(r.times()[0]).isEqualTo(9000L);
        assertThat(r.times()[31]).isEqualTo(40_000L);
    }

    @Test
    void badAndNonNumericSamplesUpdateTheLatestButNotTheSparkline() {
        history.accept(List.of(Sample.good("sl-001", "dimLevel", 50L, "%", 1000),
                Sample.good("sl-001", "powerState", true, "", 1000)));
        history.accept(List.of(Sample.bad("sl-001", "dimLevel", "%", 2000, "timeout")));
        history.accept(List.of(Sample.good("sl-001", "dimLevel", 50L, "%", 1500))); // late: ignored

        Map<String, Reading> device = history.device("sl-001");

        assertThat(device.get("dimLevel").latest().reason()).isEqualTo("timeout");
        assertThat(device.get("dimLevel").values()).containsExactly(50.0);
        assertThat(device.get("powerState").latest().value()).isEqualTo(true);
        assertThat(device.get("powerState").values()).isEmpty();
    }

    @Test
    void aRepeatedSampleOfTheSameTimeIsKeptOnce() {
        Sample s = Sample.good("sl-001", "voltage", 230.0, "V", 1000);
        history.accept(List.of(s));
        history.accept(List.of(s)); // a read-now answer also delivered by the poller

        assertThat(history.device("sl-001").get("voltage").values()).containsExactly(230.0);
    }

    @Test
    void holdsAtMost4096PointsCountsTheRestAndLetsStalePointsGo() {
        for (int i = 0; i < ReadingHistory.MAX_POINTS; i++) {
            history.accept(List.of(Sample.good("dev-" + i / 16, "p" + i % 16, 1.0, "", clock.getAsLong())));
        }
        history.accept(List.of(Sample.good("late", "p", 1.0, "", clock.getAsLong())));

        assertThat(history.points()).isEqualTo(ReadingHistory.MAX_POINTS);
        assertThat(history.refusedPoints()).isEqualTo(1);
        assertThat(history.device("late")).isEmpty();

        clock.advance(ReadingHistory.STALE_MS + 1);
        history.accept(List.of(Sample.good("dev-0", "p0", 2.0, "", clock.getAsLong()))); // still alive
        history.accept(List.of(Sample.good("late", "p", 1.0, "", clock.getAsLong())));

        assertThat(history.device("late")).containsKey("p");
        assertThat(history.points()).as("every point not heard of for 10 min went").isEqualTo(2);
    }

    @Test
    void letsGoOfDevicesRemovedFromTheSite() {
        history.accept(List.of(Sample.good("sl-001", "dimLevel", 50L, "%", 1000),
                Sample.good("sl-001", "voltage", 230.0, "V", 1000)));
        history.accept(List.of(Sample.good("sl-002", "dimLevel", 50L, "%", 1000)));

        history.retainDevices(Set.of("sl-002"));

        assertThat(history.device("sl-001")).isEmpty();
        assertThat(history.device("sl-002")).containsKey("dimLevel");
        assertThat(history.points()).isEqualTo(1);
    }
}
