package org.cityedge.control.command;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import org.cityedge.api.control.DocumentVerifier;
import org.cityedge.api.control.PointControl;
import org.cityedge.api.control.PolicyDocumentHandler;
import org.cityedge.api.field.FieldDevices;
import org.cityedge.api.profile.DeviceProfile;
import org.cityedge.api.site.DeviceDefinition;
import org.cityedge.api.site.SiteService;
import org.cityedge.api.uplink.Outbox;
import org.cityedge.control.FieldRouter;
import org.cityedge.control.Json;
import org.cityedge.control.SystemTimers;
import org.cityedge.control.arbiter.ArbiterSettings;
import org.cityedge.control.arbiter.PointArbiter;
import org.cityedge.control.testing.DemoSite;
import org.cityedge.control.testing.FakeField;
import org.cityedge.modbus.internal.engine.EngineConfig;
import org.cityedge.modbus.internal.engine.ModbusEngine;
import org.cityedge.simulator.Simulator;
import org.cityedge.site.load.SiteFiles;

/**
 * Command handling inside the gateway, from payload to reply (no MQTT): the handler's own cost with the durable
 * journal (two SQLite commits with synchronous=FULL per command) against an in-memory driver, then real verified
 * writes to the demo site's simulated lamps on RS-485 at 9600 baud 8E1 (wire time included) while the bus is polled.
 * Prints {@code name=value} pairs on its last line.
 *
 * <pre>
 * cd bundles/control &amp;&amp; mvn -o -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp \
 *     -Dmdep.includeScope=test &amp;&amp; java -cp target/test-classes:target/classes:$(cat target/cp) \
 *     org.cityedge.control.command.CommandBench
 * </pre>
 */
public final class CommandBench {

    private static final int HANDLER_COMMANDS = 2000;
    private static final int LAMP_COMMANDS = 40;
    private static final int GROUP_COMMANDS = 20;

    private CommandBench() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("cityedge-command-bench-");
        try {
            double[] handler = handlerOnly(dir);
            double[][] lamps = simulatedLamps(dir);
            System.out.printf(Locale.ROOT, "handler_commands=%d handler_per_s=%.0f handler_p50_ms=%.2f "
                    + "handler_p99_ms=%.2f lamp_commands=%d lamp_p50_ms=%.1f lamp_p99_ms=%.1f group4_commands=%d "
                    + "group4_p50_ms=%.1f group4_p99_ms=%.1f bus=9600-8E1 journal=sqlite-wal-full%n",
                    HANDLER_COMMANDS, handler[0], handler[1], handler[2], LAMP_COMMANDS, lamps[0][0], lamps[0][1],
                    GROUP_COMMANDS, lamps[1][0], lamps[1][1]);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** {commands per s, p50 ms, p99 ms} of single-lamp dims against an in-memory driver, journal on disk. */
    private static double[] handlerOnly(Path dir) throws Exception {
        DemoSite site = DemoSite.load();
        FakeField field = new FakeField(site.site().devices().stream().map(DeviceDefinition::id)
                .collect(Collectors.toSet()));
        try (SystemTimers timers = new SystemTimers("bench-control")) {
            PointArbiter arbiter = new PointArbiter(new FieldRouter(() -> List.of(field)), () -> site,
                    ArbiterSettings.DEFAULTS, timers, Runnable::run, () -> null);
            CommandService service = new CommandService(services(site, arbiter, List.of(field)),
                    SqliteJournal.open(dir.resolve("handler.db"), JournalLimits.DEFAULTS, System::currentTimeMillis),
                    CommandSettings.DEFAULTS, System::currentTimeMillis);
            for (int i = 0; i < 200; i++) { // warm-up
                run(service, "w-" + i, "{'device':'sl-00" + (1 + i % 8) + "'}", i % 101);
            }
            long[] nanos = new long[HANDLER_COMMANDS];
            long start = System.nanoTime();
            for (int i = 0; i < HANDLER_COMMANDS; i++) {
                long t = System.nanoTime();
                run(service, "h-" + i, "{'device':'sl-00" + (1 + i % 8) + "'}", i % 101);
                nanos[i] = System.nanoTime() - t;
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            service.close();
            arbiter.close();
            return new double[] {HANDLER_COMMANDS / seconds, percentile(nanos, 50), percentile(nanos, 99)};
        }
    }

    /** {p50, p99} ms of single-lamp dims, then of circuit-a (4 lamps) dims, on the simulated RS-485 bus. */
    private static double[][] simulatedLamps(Path dir) throws Exception {
        DemoSite demo = DemoSite.load();
        Map<String, DeviceProfile> profiles = SiteFiles.loadProfiles(List.of()).profiles();
        Simulator simulator = Simulator.builder().anyFreePorts().ptyDirectory(dir).build();
        simulator.start(demo.site(), profiles);
        List<FieldDevices> drivers = new CopyOnWriteArrayList<>();
        SiteService site = new DemoSite(simulator.site(), profiles);
        try (SystemTimers timers = new SystemTimers("bench-control")) {
            PointArbiter arbiter = new PointArbiter(new FieldRouter(() -> drivers), () -> site,
                    ArbiterSettings.DEFAULTS, timers, timers, () -> null);
            try (ModbusEngine engine = new ModbusEngine(simulator.site(), profiles, arbiter,
                    EngineConfig.defaults()).start()) {
                drivers.add(engine);
                CommandService service = new CommandService(services(site, arbiter, drivers),
                        SqliteJournal.open(dir.resolve("lamps.db"), JournalLimits.DEFAULTS,
                                System::currentTimeMillis), CommandSettings.DEFAULTS, System::currentTimeMillis);
                run(service, "warm", "{'group':'circuit-b'}", 50);
                long[] single = new long[LAMP_COMMANDS];
                for (int i = 0; i < LAMP_COMMANDS; i++) {
                    long t = System.nanoTime();
                    run(service, "l-" + i, "{'device':'sl-00" + (1 + i % 8) + "'}", 20 + i % 80);
                    single[i] = System.nanoTime() - t;
                }
                long[] group = new long[GROUP_COMMANDS];
                for (int i = 0; i < GROUP_COMMANDS; i++) {
                    long t = System.nanoTime();
                    run(service, "g-" + i, "{'group':'circuit-a'}", 20 + i * 3);
                    group[i] = System.nanoTime() - t;
                }
                service.close();
                arbiter.close();
                return new double[][] {{percentile(single, 50), percentile(single, 99)},
                    {percentile(group, 50), percentile(group, 99)}};
            }
        } finally {
            simulator.stop();
        }
    }

    private static void run(CommandService service, String id, String target, int level) throws Exception {
        String command = ("{'id':'" + id + "','action':'dim','target':" + target + ",'level':" + level + "}")
                .replace('\'', '"');
        String reply = service.handle(command.getBytes(StandardCharsets.UTF_8), System.currentTimeMillis())
                .toCompletableFuture().get(60, TimeUnit.SECONDS);
        JsonNode node = Json.MAPPER.readTree(reply);
        if (!"ok".equals(node.path("status").asText())) {
            throw new IllegalStateException("command " + id + " failed: " + reply);
        }
    }

    private static double percentile(long[] nanos, int p) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int index = Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }

    private static ControlServices services(SiteService site, PointControl control, List<FieldDevices> drivers) {
        return new ControlServices() {
            public SiteService site() {
                return site;
            }

            public PointControl pointControl() {
                return control;
            }

            public FieldRouter fields() {
                return new FieldRouter(() -> drivers);
            }

            public DocumentVerifier verifier() {
                return null;
            }

            public List<PolicyDocumentHandler> policyHandlers() {
                return List.of();
            }

            public Outbox outbox() {
                return null;
            }
        };
    }
}
