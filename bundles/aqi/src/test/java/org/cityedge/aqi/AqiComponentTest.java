package org.cityedge.aqi;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.annotation.Annotation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.cityedge.api.field.SampleSink;
import org.cityedge.api.model.Sample;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;

class AqiComponentTest {

    private static final Instant START = Instant.parse("2026-11-22T17:00:00Z");
    private static final long HOUR = 3_600_000;

    private final MutableClock clock = new MutableClock(START);
    private final AqiComponent component = new AqiComponent(clock);
    private final List<List<Sample>> received = new ArrayList<>();
    private boolean active;

    @AfterEach
    void stop() throws InterruptedException {
        if (active) {
            component.deactivate();
        }
    }

    @Test
    void bindsEverySinkButProducersOfDerivedSamples() throws InvalidSyntaxException {
        Filter sinks = FrameworkUtil.createFilter(AqiComponent.SINK_FILTER);
        assertThat(sinks.matches(Map.of(AqiComponent.ROLE_PROPERTY, AqiComponent.DERIVED_PRODUCER))).isFalse();
        assertThat(sinks.matches(Map.of())).isTrue(); // uplink, console, rules
        assertThat(sinks.matches(Map.of(AqiComponent.ROLE_PROPERTY, "rules"))).isTrue();
    }

    @Test
    void aFailingSinkDoesNotKeepTheIndexFromTheOthers() {
        start(config(true, 75));
        component.addSink(samples -> {
            throw new IllegalStateException("full");
        });
        component.addSink(received::add);
        feedTwoHours();
        assertThat(received).hasSize(2);
        assertThat(received.get(1)).extracting(Sample::point).contains("vnAqi", "vnAqiPm25", "pm25NowCast");
        assertThat(component.sinkFailures()).isEqualTo(2);
        assertThat(component.engine().counters().samplesEmitted()).isEqualTo(received.get(0).size() * 2L);
    }

    @Test
    void disabledItTakesAndSendsNothing() {
        start(config(false, 75));
        component.addSink(received::add);
        feedTwoHours();
        assertThat(received).isEmpty();
        assertThat(component.engine().counters().accepted()).isZero();
    }

    @Test
    void outOfRangeSettingsFallBackToDefaults() {
        AqiSettings settings = AqiComponent.settings(new TestConfig(true, 5000, 150, -1));
        assertThat(settings).isEqualTo(AqiSettings.DEFAULT);
        assertThat(AqiComponent.settings(new TestConfig(true, 0, 0, 60)))
                .isEqualTo(new AqiSettings(0, 1, 60_000));
    }

    private void start(AqiConfig config) {
        component.bindSiteService(new TestSite("Asia/Ho_Chi_Minh"));
        component.activate(config);
        active = true;
    }

    private void feedTwoHours() {
        for (int h = 0; h < 2; h++) {
            for (int k = 0; k < 12; k++) {
                long t = START.toEpochMilli() + h * HOUR + k * 300_000L;
                clock.set(Instant.ofEpochMilli(t));
                component.accept(List.of(Sample.good(TestSite.STATION, "pm25", 20.3, "ug/m3", t)));
            }
            clock.set(Instant.ofEpochMilli(START.toEpochMilli() + (h + 1) * HOUR + 61_000));
            component.tick();
        }
    }

    private static AqiConfig config(boolean enabled, int coverage) {
        return new TestConfig(enabled, 60, coverage, 0);
    }

    @SuppressWarnings("ClassExplicitlyAnnotation")
    private record TestConfig(boolean enabled, int hourCloseDelaySeconds, int minHourCoveragePercent,
            int liveIntervalSeconds) implements AqiConfig {
        @Override
        public Class<? extends Annotation> annotationType() {
            return AqiConfig.class;
        }
    }
}
