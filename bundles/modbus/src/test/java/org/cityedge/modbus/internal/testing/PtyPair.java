package org.cityedge.modbus.internal.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A connected pair of pseudo-terminals from socat, with stable paths: a serial line without hardware. */
public final class PtyPair extends ExternalProcess {

    public static final String SOCAT = "/usr/bin/socat";

    private final Path a;
    private final Path b;

    private PtyPair(Path a, Path b, Path log) throws IOException {
        super("socat", List.of(SOCAT, "-d", "pty,raw,echo=0,link=" + a, "pty,raw,echo=0,link=" + b), log);
        this.a = a;
        this.b = b;
    }

    /** Starts socat and waits until both ends exist. */
    public static PtyPair open(Path dir) throws Exception {
        require(SOCAT, "make a serial line from a pty pair");
        Path a = dir.resolve("ttyA");
        Path b = dir.resolve("ttyB");
        PtyPair pair = new PtyPair(a, b, dir.resolve("socat-" + System.nanoTime() + ".log"));
        try {
            pair.await("pty links", 10_000, () -> Files.exists(a) && Files.exists(b));
        } catch (Throwable t) {
            pair.close();
            throw t;
        }
        return pair;
    }

    /** The driver's end. */
    public Path a() {
        return a;
    }

    /** The device's end. */
    public Path b() {
        return b;
    }
}
