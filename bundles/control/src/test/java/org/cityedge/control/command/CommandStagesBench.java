package org.cityedge.control.command;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import org.cityedge.api.control.ClaimResult;
import org.cityedge.api.control.ControlSource;
import org.cityedge.api.control.DocumentVerifier;
import org.cityedge.api.control.PointClaim;
import org.cityedge.api.control.PointControl;
import org.cityedge.api.control.PolicyDocumentHandler;
import org.cityedge.api.field.DeviceHealth;
import org.cityedge.api.field.FieldDevices;
import org.cityedge.api.field.WriteResult;
import org.cityedge.api.model.Sample;
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
import org.cityedge.site.load.LoadResult;
import org.cityedge.site.load.SiteFiles;

/**
 * Where the time of one IOC dim goes inside the gateway (no MQTT), stage by stage, with the gateway's own threading
 * (arbiter steps on the control thread, replies journalled on their own thread). Timing decorators around the
 * journal, the override store, the arbiter and the driver take {@link System#nanoTime} marks; production code is not
 * touched. Runs each storage variant (journal: SQLite WAL FULL or memory; override store: SQLite or none) first
 * against an in-memory driver, then against real verified writes on the e2e site's Modbus TCP simulator (as
 * {@code ./cityedge bench command}). Prints one {@code name=value} line per run, medians in ms; the last line sums
 * up.
 *
 * <pre>
 * cd bundles/control &amp;&amp; mvn -o -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp \
 *     -Dmdep.includeScope=test &amp;&amp; java -cp target/test-classes:target/classes:$(cat target/cp) \
 *     org.cityedge.control.command.CommandStagesBench
 * </pre>
 */
public final class CommandStagesBench {

    private static final Path TCP_SITE = Path.of("../../deploy/e2e/src/test/resources/sites/saigon-d1.yaml");
    private static final int SINGLE = 200;
    private static final int GROUP = 60;
    private static final int WARM_UP = 30;

    /** Journal and override store of one run. */
    private enum Storage {
        MEMORY_NONE, SQLITE_JOURNAL, SQLITE_OVERRIDES, SQLITE_BOTH;

        boolean sqliteJournal() {
            return this == SQLITE_JOURNAL || this == SQLITE_BOTH;
        }

        boolean sqliteOverrides() {
            return this == SQLITE_OVERRIDES || this == SQLITE_BOTH;
        }
    }

    /** Marks of the one command in flight (commands run one after the other). */
    private static final class Marks {
        final AtomicLong start = new AtomicLong();
        final AtomicLong beginStart = new AtomicLong();
        final AtomicLong beginEnd = new AtomicLong();
        final AtomicLong firstClaim = new AtomicLong();
        final AtomicLong firstWrite = new AtomicLong();
        final AtomicLong lastWriteDone = new AtomicLong();
        final AtomicLong lastClaimDone = new AtomicLong();
        final AtomicLong completeStart = new AtomicLong();
        final AtomicLong completeEnd = new AtomicLong();
        final AtomicLong overrideNanos = new AtomicLong();
        final AtomicLong overrideCommits = new AtomicLong();

        void reset(long now) {
            for (AtomicLong a : List.of(beginStart, beginEnd, firstClaim, firstWrite, lastWriteDone, lastClaimDone,
                    completeStart, completeEnd, overrideNanos, overrideCommits)) {
                a.set(0);
            }
            start.set(now);
        }

        static void first(AtomicLong mark) {
            mark.compareAndSet(0, System.nanoTime());
        }

        static void last(AtomicLong mark) {
            mark.accumulateAndGet(System.nanoTime(), Math::max);
        }
    }

    /** Stage name to one duration per command, in ns. */
    private static final class Stages {
        final Map<String, long[]> values = new LinkedHashMap<>();
        final int count;

        Stages(int count) {
            this.count = count;
        }

        void put(String stage, int i, long nanos) {
            values.computeIfAbsent(stage, k -> new long[count])[i] = nanos;
        }

        void record(int i, Marks m, long end) {
            put("accept", i, m.beginStart.get() - m.start.get());
            put("journal_begin", i, m.beginEnd.get() - m.beginStart.get());
            put("plan", i, m.firstClaim.get() - m.beginEnd.get());
            put("to_driver", i, m.firstWrite.get() - m.firstClaim.get());
            put("driver", i, m.lastWriteDone.get() - m.firstWrite.get());
            put("back_from_driver", i, m.lastClaimDone.get() - m.lastWriteDone.get());
            put("to_journal", i, m.completeStart.get() - m.lastClaimDone.get());
            put("journal_complete", i, m.completeEnd.get() - m.completeStart.get());
            put("to_caller", i, end - m.completeEnd.get());
            put("override_store", i, m.overrideNanos.get());
            put("override_commits", i, m.overrideCommits.get() * 1_000_000); // printed as a count
            put("total", i, end - m.start.get());
        }

        String line(String prefix) {
            return values.entrySet().stream().map(e -> String.format(Locale.ROOT, "%s_%s=%s", prefix, e.getKey(),
                    e.getKey().equals("override_commits") ? String.valueOf(median(e.getValue()) / 1_000_000)
                            : String.format(Locale.ROOT, "%.3f", median(e.getValue()) / 1e6)))
                    .collect(Collectors.joining(" "));
        }

        double p50(String stage) {
            return median(values.get(stage)) / 1e6;
        }
    }

    /** The running arbiter, which watches the polled values as in the gateway. */
    private static volatile PointArbiter driftWatch;

    private CommandStagesBench() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target"), "command-stages-");
        Map<String, Double> summary = new LinkedHashMap<>();
        try {
            for (Storage storage : Storage.values()) {
                DemoSite demo = DemoSite.load();
                FakeField field = new FakeField(demo.site().devices().stream().map(DeviceDefinition::id)
                        .collect(Collectors.toSet()));
                runAll("mem_" + storage.name().toLowerCase(Locale.ROOT), dir, storage, demo, List.of(field),
                        "sl-00", 8, "circuit-a", summary);
            }
            LoadResult loaded = SiteFiles.load(TCP_SITE, List.of());
            Map<String, DeviceProfile> profiles = loaded.profiles();
            try (Simulator sim = Simulator.builder().anyFreePorts().build()) {
                sim.start(loaded.site(), profiles);
                DemoSite served = new DemoSite(sim.site(), profiles);
                for (Storage storage : List.of(Storage.MEMORY_NONE, Storage.SQLITE_BOTH)) {
                    try (ModbusEngine engine = new ModbusEngine(sim.site(), profiles, samples -> {
                        PointArbiter drift = driftWatch;
                        if (drift != null) {
                            drift.accept(samples);
                        }
                    }, EngineConfig.defaults()).start()) {
                        runAll("tcp_" + storage.name().toLowerCase(Locale.ROOT), dir, storage, served,
                                List.of(engine), "sl-10", 1, "circuit-a", summary);
                    }
                }
            }
            System.out.println(summary.entrySet().stream().map(e -> String.format(Locale.ROOT, "%s=%.3f",
                    e.getKey(), e.getValue())).collect(Collectors.joining(" ")));
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** Single-device dims (cycling over {@code devices} ids), then group dims; prints both, adds to summary. */
    private static void runAll(String name, Path dir, Storage storage, SiteService site, List<FieldDevices> drivers,
            String devicePrefix, int devices, String group, Map<String, Double> summary) throws Exception {
        Marks marks = new Marks();
        Path db = dir.resolve(name + ".db");
        CommandJournal journal = storage.sqliteJournal()
                ? SqliteJournal.open(db, JournalLimits.DEFAULTS, System::currentTimeMillis)
                : new MemoryJournal(JournalLimits.DEFAULTS.maxEntries());
        OverrideStore overrides = storage.sqliteOverrides()
                ? SqliteOverrides.open(storage.sqliteJournal() ? db : dir.resolve(name + "-overrides.db"))
                : OverrideStore.NONE;
        List<FieldDevices> timedDrivers = drivers.stream().map(d -> (FieldDevices) new TimedField(d, marks))
                .toList();
        ExecutorService journalling = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "bench-commands");
            t.setDaemon(true);
            return t;
        });
        try (SystemTimers timers = new SystemTimers("bench-control")) {
            PointArbiter arbiter = new PointArbiter(new FieldRouter(() -> timedDrivers), () -> site,
                    ArbiterSettings.DEFAULTS, timers, timers, () -> null);
            driftWatch = arbiter;
            CommandService service = new CommandService(services(site, new TimedControl(arbiter, marks),
                    timedDrivers), new TimedJournal(journal, marks), new TimedOverrides(overrides, marks),
                    CommandSettings.DEFAULTS, System::currentTimeMillis, journalling);
            for (int i = 0; i < WARM_UP; i++) {
                run(service, marks, name + "-w" + i, target(devicePrefix, devices, i), level(devices, i));
            }
            Stages single = new Stages(SINGLE);
            for (int i = 0; i < SINGLE; i++) {
                long end = run(service, marks, name + "-s" + i, target(devicePrefix, devices, i), level(devices, i));
                single.record(i, marks, end);
            }
            Stages groups = new Stages(GROUP);
            String groupTarget = "{'group':'" + group + "'}";
            for (int i = 0; i < GROUP; i++) {
                long end = run(service, marks, name + "-g" + i, groupTarget, 20 + i % 2 * 50);
                groups.record(i, marks, end);
            }
            driftWatch = null;
            service.close();
            arbiter.close();
            System.out.println(single.line(name + "_single"));
            System.out.println(groups.line(name + "_group"));
            summary.put(name + "_single_p50_ms", single.p50("total"));
            summary.put(name + "_group_p50_ms", groups.p50("total"));
        } finally {
            journalling.shutdownNow();
            journalling.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    /** Each command changes its device's level, so every dim writes. */
    private static int level(int devices, int i) {
        return 20 + i / devices % 2 * 50;
    }

    private static String target(String prefix, int devices, int i) {
        return "{'device':'" + prefix + (1 + i % devices) + "'}";
    }

    /** Runs one dim; returns when the caller had the reply (nanoTime). */
    private static long run(CommandService service, Marks marks, String id, String target, int level)
            throws Exception {
        String command = ("{'id':'" + id + "','action':'dim','target':" + target + ",'level':" + level + "}")
                .replace('\'', '"');
        byte[] payload = command.getBytes(StandardCharsets.UTF_8);
        marks.reset(System.nanoTime());
        String reply = service.handle(payload, System.currentTimeMillis()).toCompletableFuture()
                .get(60, TimeUnit.SECONDS);
        long end = System.nanoTime();
        JsonNode node = Json.MAPPER.readTree(reply);
        if (!"ok".equals(node.path("status").asText())) {
            throw new IllegalStateException("command " + id + " failed: " + reply);
        }
        return end;
    }

    private static double median(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private record TimedJournal(CommandJournal journal, Marks marks) implements CommandJournal {
        @Override
        public Optional<Entry> find(String id) {
            return journal.find(id);
        }

        @Override
        public void begin(String id, long receivedAt) {
            Marks.first(marks.beginStart);
            journal.begin(id, receivedAt);
            Marks.last(marks.beginEnd);
        }

        @Override
        public void complete(String id, long receivedAt, String reply) {
            Marks.first(marks.completeStart);
            journal.complete(id, receivedAt, reply);
            Marks.last(marks.completeEnd);
        }

        @Override
        public long size() {
            return journal.size();
        }

        @Override
        public void close() {
            journal.close();
        }
    }

    private record TimedOverrides(OverrideStore store, Marks marks) implements OverrideStore {
        @Override
        public void placed(PointClaim claim) {
            long t = System.nanoTime();
            store.placed(claim);
            marks.overrideNanos.addAndGet(System.nanoTime() - t);
            marks.overrideCommits.incrementAndGet();
        }

        @Override
        public void released(String deviceId, String point, String owner) {
            long t = System.nanoTime();
            store.released(deviceId, point, owner);
            marks.overrideNanos.addAndGet(System.nanoTime() - t);
            marks.overrideCommits.incrementAndGet();
        }

        @Override
        public void update(List<PointClaim> placed, List<PointClaim> released) {
            long t = System.nanoTime();
            store.update(placed, released);
            marks.overrideNanos.addAndGet(System.nanoTime() - t);
            marks.overrideCommits.incrementAndGet();
        }

        @Override
        public List<PointClaim> live(long now) {
            return store.live(now);
        }

        @Override
        public void close() {
            store.close();
        }
    }

    private record TimedControl(PointControl control, Marks marks) implements PointControl {
        @Override
        public CompletionStage<ClaimResult> claim(PointClaim claim) {
            Marks.first(marks.firstClaim);
            return control.claim(claim).whenComplete((r, e) -> Marks.last(marks.lastClaimDone));
        }

        @Override
        public void release(String deviceId, String point, ControlSource source, String owner) {
            control.release(deviceId, point, source, owner);
        }

        @Override
        public void releaseAll(ControlSource source, String owner) {
            control.releaseAll(source, owner);
        }

        @Override
        public Optional<PointClaim> effective(String deviceId, String point) {
            return control.effective(deviceId, point);
        }

        @Override
        public List<PointClaim> claims(String deviceId) {
            return control.claims(deviceId);
        }
    }

    private record TimedField(FieldDevices driver, Marks marks) implements FieldDevices {
        @Override
        public Set<String> deviceIds() {
            return driver.deviceIds();
        }

        @Override
        public CompletionStage<WriteResult> write(String deviceId, String point, Object value) {
            Marks.first(marks.firstWrite);
            return driver.write(deviceId, point, value).whenComplete((r, e) -> Marks.last(marks.lastWriteDone));
        }

        @Override
        public CompletionStage<List<Sample>> readNow(String deviceId) {
            return driver.readNow(deviceId);
        }

        @Override
        public List<DeviceHealth> health() {
            return driver.health();
        }
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
                return new ArrayList<>();
            }

            public Outbox outbox() {
                return null;
            }
        };
    }
}
