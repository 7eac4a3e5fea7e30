package org.cityedge.bench;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import org.cityedge.simulator.Simulator;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The simulator side of {@code bench tcp}, run in a child JVM so that the engine's CPU and heap are measured alone:
 * serves the meters on free loopback ports, writes the served site file, prints {@link #READY}, and stops when its
 * standard input ends (the parent closed it or died) or after {@code --max-seconds}.
 */
@Command(name = "tcp-field", hidden = true, description = "Serves the TCP benchmark's meters (child process).")
final class TcpFieldProcess implements Callable<Integer> {

    static final String READY = "tcp-field ready";

    @Option(names = "--devices", required = true)
    private int devices;

    @Option(names = "--site-out", required = true)
    private Path siteOut;

    @Option(names = "--max-seconds", required = true)
    private long maxSeconds;

    @Override
    public Integer call() throws Exception {
        try (Simulator sim = Simulator.builder().anyFreePorts().build()
                .start(TcpField.site(devices), TcpField.profiles())) {
            sim.writeSite(siteOut);
            System.out.println(READY);
            System.out.flush();
            Thread stdinWatch = new Thread(TcpFieldProcess::readUntilEnd, "tcp-field-stdin");
            stdinWatch.setDaemon(true);
            stdinWatch.start();
            stdinWatch.join(TimeUnit.SECONDS.toMillis(maxSeconds));
        }
        return 0;
    }

    private static void readUntilEnd() {
        try {
            while (System.in.read() >= 0) {
                // the parent never writes; the stream only ends
            }
        } catch (java.io.IOException e) {
            // the parent is gone: end as at end of input
        }
    }
}
