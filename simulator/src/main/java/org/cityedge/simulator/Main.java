package org.cityedge.simulator;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.cityedge.api.site.ConfigProblem;
import org.cityedge.simulator.control.ControlServer;
import org.cityedge.site.load.LoadResult;
import org.cityedge.site.load.SiteFiles;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Command line: serves a site file's buses until the duration ends or the process is stopped (SIGTERM, Ctrl-C).
 * Prints one line a bus, then {@code simulator ready}. Exit code 0 after a clean stop, 1 when a bus cannot be
 * served, 2 for a site that cannot be used.
 */
@Command(name = "cityedge-simulator", mixinStandardHelpOptions = true, version = "cityedge-simulator 0.1.0",
        description = "Simulates the field devices of a cityedge site file: Modbus TCP, Modbus RTU over TCP, "
                + "Modbus RTU on a pty pair (socat) at each serial bus's port path, and CoAP devices (served on "
                + "127.0.0.1, plain or DTLS with a pre-shared key, or pushing SenML to the gateway).")
public final class Main implements Callable<Integer> {

    @Option(names = "--site", required = true, paramLabel = "FILE", description = "Site file to simulate.")
    private Path site;

    @Option(names = "--profiles", paramLabel = "DIR",
            description = "Extra device-profile directory (repeatable); the built-in profiles are always loaded.")
    private List<Path> profiles = new ArrayList<>();

    @Option(names = "--turnaround-ms", paramLabel = "MS", defaultValue = "5",
            description = "Device processing time before an RTU reply (default: ${DEFAULT-VALUE}).")
    private int turnaroundMs;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of all noise, weather and intermittent faults "
            + "(default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--speed", defaultValue = "1",
            description = "Simulated seconds per real second (default: ${DEFAULT-VALUE}).")
    private double speed;

    @Option(names = "--control-port", paramLabel = "PORT",
            description = "Serve the line-based control socket on 127.0.0.1:PORT (default: off).")
    private Integer controlPort;

    @Option(names = "--coap-psk-file", paramLabel = "FILE",
            description = "DTLS pre-shared keys of CoAP devices: properties lines deviceId=<hex key> (the PSK "
                    + "identity is the device id). coaps:// devices without a key are left out.")
    private Path coapPskFile;

    @Option(names = "--coap-gateway", paramLabel = "URI",
            description = "The gateway's CoAP server that push nodes (CoAP devices without an address) POST to, at "
                    + "URI/readings/DEVICE, e.g. coaps://127.0.0.1:5684 (default: push nodes idle).")
    private java.net.URI coapGateway;

    @Option(names = "--push-interval", paramLabel = "TIME", defaultValue = "60s",
            description = "Interval between two pushes of a push node, e.g. 10s, 5m (default: ${DEFAULT-VALUE}).")
    private String pushInterval;

    @Option(names = "--duration", paramLabel = "TIME",
            description = "Stop after this long, e.g. 30s, 5m, 2h (default: until stopped).")
    private String duration;

    private PrintStream out = System.out;
    private PrintStream err = System.err;
    private final CountDownLatch stopped = new CountDownLatch(1);

    public static void main(String[] args) {
        // Californium logs every endpoint start and observe relation at INFO: keep the console to the simulator's own
        System.setProperty("org.slf4j.simpleLogger.log.org.eclipse.californium",
                System.getProperty("org.slf4j.simpleLogger.log.org.eclipse.californium", "warn"));
        System.exit(run(System.out, System.err, args));
    }

    /** Runs the command line with these streams; returns the exit code. */
    public static int run(PrintStream out, PrintStream err, String... args) {
        Main main = new Main();
        main.out = out;
        main.err = err;
        return new CommandLine(main).setOut(new java.io.PrintWriter(out, true))
                .setErr(new java.io.PrintWriter(err, true)).execute(args);
    }

    @Override
    public Integer call() throws Exception {
        Duration stopAfter = duration == null ? null : Durations.parse(duration);
        LoadResult loaded = SiteFiles.load(site, profiles);
        for (ConfigProblem p : loaded.problems()) {
            err.println("problem: " + p);
        }
        if (!loaded.usable() || loaded.site().buses().isEmpty()) {
            err.println("error: " + site + " gives no bus to simulate");
            return 2;
        }
        Simulator.Builder builder = Simulator.builder().turnaround(Duration.ofMillis(turnaroundMs)).seed(seed)
                .speed(speed);
        try {
            builder.pushInterval(Durations.parse(pushInterval)).coapGateway(coapGateway);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return 2;
        }
        if (coapPskFile != null) {
            builder.coapKeyFile(coapPskFile);
        }
        Simulator simulator = builder.build();
        ControlServer control = null;
        try {
            simulator.start(loaded.site(), loaded.profiles());
            simulator.warnings().forEach(w -> err.println("warning: " + w));
            simulator.endpoints().forEach(out::println);
            simulator.deviceEndpoints().forEach(out::println);
            if (controlPort != null) {
                control = new ControlServer(simulator, controlPort);
                out.println("control on " + control.address().getAddress().getHostAddress() + ":" + control.address().getPort());
            }
            out.println("simulator ready");
            out.flush();
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "sim-main-stop"));
            if (stopAfter == null) {
                stopped.await();
            } else {
                stopped.await(stopAfter.toMillis(), TimeUnit.MILLISECONDS);
            }
            return 0;
        } catch (java.io.IOException e) {
            err.println("error: " + e.getMessage());
            return 1;
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());   // e.g. a PSK file that is not deviceId=<hex>
            return 2;
        } finally {
            if (control != null) {
                control.close();
            }
            simulator.stop();
            out.println("simulator stopped");
            out.flush();
        }
    }
}
