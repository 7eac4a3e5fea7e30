package org.cityedge.bench;

import java.time.LocalTime;
import java.time.temporal.ChronoUnit;

/** Progress lines on standard output, time-stamped, so a long run shows it is alive. */
final class Progress {

    private Progress() {
    }

    static void say(String format, Object... args) {
        System.out.println(LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + " " + String.format(format, args));
        System.out.flush();
    }
}
