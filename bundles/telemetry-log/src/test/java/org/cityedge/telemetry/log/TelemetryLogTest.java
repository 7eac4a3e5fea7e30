package org.cityedge.telemetry.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.cityedge.api.model.Sample;
import org.junit.jupiter.api.Test;

class TelemetryLogTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final TelemetryLog sink = new TelemetryLog(new PrintStream(bytes, true, StandardCharsets.UTF_8));

    private static TelemetryLogConfig config(boolean enabled, String devices) {
        return new TelemetryLogConfig() {
            public Class<? extends Annotation> annotationType() { return TelemetryLogConfig.class; }
            public boolean enabled() { return enabled; }
            public String devices() { return devices; }
        };
    }

    private String printed() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void printsOneLinePerBatchWithUnitsAndFlagsBadValues() {
        sink.configure(config(true, ""));
        sink.accept(List.of(Sample.good("lamp-01", "activePower", 52.345, "W", 0),
                Sample.good("lamp-01", "dimLevel", 80L, "%", 0),
                Sample.bad("lamp-01", "voltage", "V", 0, "timeout")));
        assertThat(printed()).isEqualTo(
                "00:00:00 lamp-01 activePower=52.35 W dimLevel=80 % voltage=- V [BAD: timeout]" + System.lineSeparator());
    }

    @Test
    void isSilentUnlessEnabled() {
        sink.configure(config(false, ""));
        sink.accept(List.of(Sample.good("lamp-01", "dimLevel", 80L, "%", 0)));
        assertThat(printed()).isEmpty();
    }

    @Test
    void filtersDevicesAndSurvivesABadPattern() {
        sink.configure(config(true, "aq-.*"));
        sink.accept(List.of(Sample.good("lamp-01", "dimLevel", 80L, "%", 0)));
        sink.accept(List.of(Sample.good("aq-01", "pm25", 20.0, "ug/m3", 0)));
        assertThat(printed()).doesNotContain("lamp-01").contains("aq-01 pm25=20.00 ug/m3");

        sink.configure(config(true, "(unclosed"));
        sink.accept(List.of(Sample.good("lamp-01", "dimLevel", 80L, "%", 0)));
        assertThat(printed()).contains("lamp-01");
    }
}
