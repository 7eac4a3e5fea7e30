package org.cityedge.modbus.internal.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.cityedge.api.site.BusDefinition;

/**
 * The gateway's end of a simulated RS-485 line that carries bytes only while the gateway's port uses the devices'
 * baud ({@code src/test/resources/line_pty.py}): what a wrong speed does to real devices. Parity cannot be seen on a
 * pty (Linux clears it), so only the speed is checked.
 */
public final class LinePty extends ExternalProcess {

    private final Path link;

    private LinePty(Path link, List<String> command, Path log) throws IOException {
        super("line_pty.py", command, log);
        this.link = link;
    }

    /** Starts the line in front of the simulator's serial port {@code bus.port()}; the gateway opens {@link #port()}. */
    public static LinePty start(BusDefinition bus, Path link) throws IOException, InterruptedException {
        require("/usr/bin/python3", "emulate a serial line's settings");
        Path log = Files.createTempFile("cityedge-line-pty-", ".log");
        LinePty line = new LinePty(link, List.of("/usr/bin/python3", Path.of("src/test/resources/line_pty.py")
                .toAbsolutePath().toString(), link.toString(), bus.port(), Integer.toString(bus.baud())), log);
        line.await("ready", 10_000, () -> line.output().contains("ready"));
        return line;
    }

    public Path port() {
        return link;
    }
}
