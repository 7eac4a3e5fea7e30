package org.cityedge.cli.scan;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import org.cityedge.cli.text.Formats;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** How a running scan's progress is shown: a bar on a terminal, a plain line every 10 % elsewhere (CI, files). */
public interface ScanProgress extends AutoCloseable {

    /** The gateway's latest count of unit ids asked, out of {@code total}, and its estimate of the time left. */
    void update(long done, long total, long etaMs, int found);

    /** A line about a found device, printed above the bar. */
    void found(String line);

    @Override
    void close();

    /** A progress bar (me.tongfei progressbar) that shows the gateway's own time estimate. */
    static ScanProgress bar(String task, PrintStream out) {
        return new Bar(task, out);
    }

    /**
     * Plain lines: one each time another tenth of the scan is done.
     *
     * @param progress where progress lines go
     * @param devices  where found devices go, or null to leave them out ({@code --json})
     */
    static ScanProgress lines(String task, PrintStream progress, PrintStream devices) {
        return new Lines(task, progress, devices);
    }

    /** The bar, made at the first update (the total is known then) and closed with a final newline. */
    final class Bar implements ScanProgress {

        private static final String CLEAR_LINE = "\r\u001b[K";

        private final String task;
        private final PrintStream out;
        private volatile long etaMs = -1;
        private ProgressBar bar;

        Bar(String task, PrintStream out) {
            this.task = task;
            this.out = out;
        }

        @Override
        public void update(long done, long total, long etaMs, int found) {
            this.etaMs = etaMs;
            if (bar == null) {
                bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(Math.max(total, 1))
                        .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250).setUnit(" ids", 1)
                        .setConsumer(new ConsoleProgressBarConsumer(out)).setEtaFunction(state -> eta()).build();
            }
            bar.maxHint(Math.max(total, 1));
            bar.stepTo(done);
            bar.setExtraMessage(found + " found");
        }

        private Optional<Duration> eta() {
            long eta = etaMs;
            return eta < 0 ? Optional.empty() : Optional.of(Duration.ofMillis(eta));
        }

        @Override
        public void found(String line) {
            // One print call: PrintStream locks per call, so the bar's own redraw cannot land inside the line.
            out.print(CLEAR_LINE + line + System.lineSeparator());
            if (bar != null) {
                bar.refresh();
            }
        }

        @Override
        public void close() {
            if (bar != null) {
                bar.close();
            }
        }
    }

    /** Plain progress lines for output that is not a terminal. */
    final class Lines implements ScanProgress {

        private final String task;
        private final PrintStream progress;
        private final PrintStream devices;
        private int tenthsShown;

        Lines(String task, PrintStream progress, PrintStream devices) {
            this.task = task;
            this.progress = progress;
            this.devices = devices;
        }

        @Override
        public void update(long done, long total, long etaMs, int found) {
            if (total <= 0) {
                return;
            }
            int tenths = (int) Math.min(10, done * 10 / total);
            if (tenths > tenthsShown) {
                tenthsShown = tenths;
                progress.println(String.format(Locale.ROOT, "%s: %d %% (%d/%d), %d found%s", task, tenths * 10,
                        done, total, found, tenths < 10 && etaMs >= 0 ? ", about " + Formats.duration(etaMs)
                                + " left" : ""));
            }
        }

        @Override
        public void found(String line) {
            if (devices != null) {
                devices.println(line);
            }
        }

        @Override
        public void close() {
            // nothing is on screen that needs ending
        }
    }
}
