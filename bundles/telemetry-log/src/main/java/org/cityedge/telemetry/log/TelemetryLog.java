package org.cityedge.telemetry.log;

import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.cityedge.api.field.SampleSink;
import org.cityedge.api.model.Quality;
import org.cityedge.api.model.Sample;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Prints one line per batch: time, device, then {@code point=value unit} pairs; non-GOOD values are flagged. */
@Component(service = SampleSink.class, immediate = true, configurationPid = TelemetryLog.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = TelemetryLogConfig.class)
public class TelemetryLog implements SampleSink {

    static final String PID = "org.cityedge.telemetry.log";
    private static final Logger LOG = LoggerFactory.getLogger(TelemetryLog.class);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private final PrintStream out;
    private volatile boolean enabled;
    private volatile Pattern devices;

    public TelemetryLog() {
        this(System.out);
    }

    TelemetryLog(PrintStream out) {
        this.out = out;
    }

    @Activate
    @Modified
    void configure(TelemetryLogConfig config) {
        enabled = config.enabled();
        try {
            devices = config.devices().isBlank() ? null : Pattern.compile(config.devices());
        } catch (PatternSyntaxException e) {
            LOG.warn("config: {}: devices: not a regular expression ({}); printing every device", PID,
                    e.getDescription());
            devices = null;
        }
    }

    @Override
    public void accept(List<Sample> samples) {
        if (!enabled || samples.isEmpty()) {
            return;
        }
        String device = samples.get(0).deviceId();
        Pattern filter = devices;
        if (filter != null && !filter.matcher(device).matches()) {
            return;
        }
        out.println(format(samples));
    }

    static String format(List<Sample> samples) {
        Sample first = samples.get(0);
        StringBuilder line = new StringBuilder(128).append(TIME.format(Instant.ofEpochMilli(first.timestamp())))
                .append(' ').append(first.deviceId());
        for (Sample s : samples) {
            line.append(' ').append(s.point()).append('=');
            if (s.value() == null) {
                line.append('-');
            } else if (s.value() instanceof Double d) {
                line.append(String.format(Locale.ROOT, "%.2f", d));
            } else {
                line.append(s.value());
            }
            if (!s.unit().isEmpty()) {
                line.append(' ').append(s.unit());
            }
            if (s.quality() != Quality.GOOD) {
                line.append(" [").append(s.quality()).append(s.reason() == null ? "" : ": " + s.reason()).append(']');
            }
        }
        return line.toString();
    }
}
