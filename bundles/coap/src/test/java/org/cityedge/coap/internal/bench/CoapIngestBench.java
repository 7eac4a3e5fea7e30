package org.cityedge.coap.internal.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

import org.cityedge.api.field.DeviceHealth;
import org.cityedge.api.model.Quality;
import org.cityedge.api.model.Sample;
import org.cityedge.api.profile.DeviceProfile;
import org.cityedge.api.profile.PointDefinition;
import org.cityedge.api.site.DeviceDefinition;
import org.cityedge.coap.internal.CoapDriver;
import org.cityedge.coap.internal.TestSites;
import org.cityedge.coap.internal.bench.AqnPacks.Format;
import org.cityedge.coap.internal.codec.PackMatcher;
import org.cityedge.coap.internal.senml.SenmlCodec;
import org.cityedge.coap.internal.senml.SenmlException;
import org.cityedge.coap.internal.senml.SenmlRecord;
import org.cityedge.coap.internal.server.ReadingsServer;
import org.cityedge.coap.internal.server.ServerCounters;

/**
 * The push server's ingest capacity, on loopback with the real stack (Californium, Scandium, the driver's resource,
 * codec and matcher), for Mekong AQN-2 packs (7 records, device-profiles/mekong-aqn2.yaml):
 * <ol>
 * <li>the SenML codec alone, one thread, JSON and CBOR (and decode + point matching), packs/s;</li>
 * <li>end to end: {@code --nodes} simulated nodes (own port, own PSK identity) POST confirmable packs to
 * {@code /readings/{id}} in a closed loop, over plain CoAP and over DTLS PSK, each against a fresh {@code CoapDriver};
 * after {@code --warmup} s, {@code --seconds} s are measured: packs and samples/s accepted, p50/p99 latency,
 * refusals (client and server side, must be 0), and the ratio to the codec alone;</li>
 * <li>CPU per pack of the gateway's own threads and of the whole process (which also runs the nodes); heap after
 * GC with the driver up after the load, and how much of it the driver still holds per pack accepted.</li>
 * </ol>
 * Both ends share the machine's cores, so the end-to-end figures are a floor of what the server alone would do.
 * Last line: the figures as name=value pairs. Options: --nodes N (50), --seconds (10), --warmup (3),
 * --decode-seconds (3), --formats cbor[,json] (cbor: what the AQN-2 sends).
 */
public final class CoapIngestBench {

    private CoapIngestBench() {
    }

    public static void main(String[] args) throws Exception {
        int nodes = intArg(args, "--nodes", 50);
        int seconds = intArg(args, "--seconds", 10);
        int warmup = intArg(args, "--warmup", 3);
        int decodeSeconds = intArg(args, "--decode-seconds", 3);
        List<Format> formats = new ArrayList<>();
        for (String f : stringArg(args, "--formats", "cbor").split(",")) {
            formats.add(Format.valueOf(f.trim().toUpperCase(Locale.ROOT)));
        }
        Path dir = Files.createTempDirectory("cityedge-coap-bench");
        try {
            run(dir, nodes, seconds, warmup, decodeSeconds, formats);
        } finally {
            deleteTree(dir);
        }
    }

    private static void run(Path dir, int nodes, int seconds, int warmup, int decodeSeconds, List<Format> formats)
            throws Exception {
        Map<String, String> figures = new LinkedHashMap<>();
        double heapBase = GatewayCpu.heapAfterGcMib();

        // 1. the codec alone
        Map<Format, Double> decode = new LinkedHashMap<>();
        for (Format f : Format.values()) {
            byte[][] packs = AqnPacks.pool(f);
            // warm both paths first: what the JIT learns from one speeds up the other
            decodeRate(f, packs, false, 1);
            decodeRate(f, packs, true, 1);
            double alone = decodeRate(f, packs, false, decodeSeconds);
            double matched = decodeRate(f, packs, true, decodeSeconds);
            decode.put(f, alone);
            System.out.printf(Locale.ROOT, "decode %s: %d-byte packs of %d records, one thread: %.0f packs/s"
                    + " (%.2f us/pack); with point matching %.0f packs/s (%.2f us/pack)%n", f, packs[0].length,
                    AqnPacks.RECORDS, alone, 1e6 / alone, matched, 1e6 / matched);
            String n = f.name().toLowerCase(Locale.ROOT);
            figures.put("decode_" + n + "_packs_per_s", fmt(alone, 0));
            figures.put("decode_match_" + n + "_packs_per_s", fmt(matched, 0));
        }

        // 2 and 3. end to end
        List<String> ids = new ArrayList<>();
        Map<String, byte[]> keys = new LinkedHashMap<>();
        Random random = new Random(7);
        for (int i = 1; i <= nodes; i++) {
            String id = String.format(Locale.ROOT, "aqn-%03d", i);
            byte[] key = new byte[16];
            random.nextBytes(key);
            ids.add(id);
            keys.put(id, key);
        }
        Path psk = pskFile(dir, keys);
        figures.put("nodes", Integer.toString(nodes));
        figures.put("seconds", Integer.toString(seconds));
        for (boolean dtls : new boolean[] {false, true}) {
            for (Format f : formats) {
                Phase p = ingest(dtls, f, ids, keys, psk, warmup, seconds);
                String name = (dtls ? "dtls" : "plain") + "_" + f.name().toLowerCase(Locale.ROOT);
                report(name, p, p.packsPerS / decode.get(f), ids.size(), seconds, warmup, heapBase, figures);
            }
        }
        figures.put("heap_base_mib", fmt(heapBase, 1));
        StringBuilder last = new StringBuilder();
        figures.forEach((k, v) -> last.append(last.length() == 0 ? "" : " ").append(k).append('=').append(v));
        System.out.println(last);
    }

    private static void report(String name, Phase p, double ratio, int nodes, int seconds, int warmup,
            double heapBase, Map<String, String> figures) {
        System.out.printf(Locale.ROOT, "%s: %d nodes, %d s after %d s warm-up: %.0f packs/s, %.0f samples/s"
                + " accepted (%d bad); %d answers 2.04 at the nodes; latency p50 %.2f ms, p99 %.2f ms,"
                + " max %.2f ms; refusals %d (nodes saw %d refused; server counted %d);"
                + " failed %d, abandoned at stop %d; end-to-end/decode %.3f%n", name, nodes, seconds,
                warmup, p.packsPerS, p.samplesPerS, p.badSamples, p.window.changed(), p.p50(), p.p99(), p.max(),
                p.refusals(), p.nodeRefused, p.serverRefusals, p.nodeFailed, p.abandoned, ratio);
        System.out.printf(Locale.ROOT, "%s cpu: gateway threads %.1f us/pack (%.2f cores), process %.1f"
                + " us/pack (%.2f cores, nodes and GC included); heap after GC with the driver up %.1f MiB"
                + " (%.1f MiB once closed, %.1f MiB before any driver); gateway threads: %s%n", name,
                p.gatewayUsPerPack(), p.gatewayCores(), p.processUsPerPack(), p.processCores(), p.heapMib,
                p.heapClosedMib, heapBase, p.cpuGroups);
        System.out.printf(Locale.ROOT, "%s retention: %d packs accepted in the run, the driver still holds"
                + " %.0f bytes per pack after GC (heap max %.0f MiB)%s%n", name, p.totalPacks,
                p.retainedBytesPerPack(), GatewayCpu.heapMaxMib(), p.heapMib > 0.9 * GatewayCpu.heapMaxMib()
                        ? "; HEAP NEARLY FULL: the figures above include GC pressure" : "");
        figures.put(name + "_packs_per_s", fmt(p.packsPerS, 0));
        figures.put(name + "_samples_per_s", fmt(p.samplesPerS, 0));
        figures.put(name + "_p50_ms", fmt(p.p50(), 2));
        figures.put(name + "_p99_ms", fmt(p.p99(), 2));
        figures.put(name + "_refusals", Long.toString(p.refusals()));
        figures.put(name + "_failed", Long.toString(p.nodeFailed + p.abandoned));
        figures.put(name + "_ratio_vs_decode", fmt(ratio, 3));
        figures.put(name + "_gw_cpu_us_per_pack", fmt(p.gatewayUsPerPack(), 1));
        figures.put(name + "_process_cpu_us_per_pack", fmt(p.processUsPerPack(), 1));
        figures.put(name + "_gw_cores", fmt(p.gatewayCores(), 2));
        figures.put(name + "_heap_after_gc_mib", fmt(p.heapMib, 1));
        figures.put(name + "_retained_bytes_per_pack", fmt(p.retainedBytesPerPack(), 0));
    }

    /** Packs/s of one thread decoding (and matching) the pool round-robin for {@code seconds}. */
    private static double decodeRate(Format f, byte[][] packs, boolean match, int seconds) throws SenmlException {
        SenmlCodec codec = new SenmlCodec();
        List<PointDefinition> points = AqnPacks.profile().points();
        long start = System.nanoTime();
        long n = decodeFor(codec, f, packs, match ? points : null, TimeUnit.SECONDS.toNanos(seconds));
        return n / ((System.nanoTime() - start) / 1e9);
    }

    private static long decodeFor(SenmlCodec codec, Format f, byte[][] packs, List<PointDefinition> points,
            long nanos) throws SenmlException {
        long end = System.nanoTime() + nanos;
        long now = System.currentTimeMillis();
        long n = 0;
        long produced = 0;
        do {
            for (int i = 0; i < 256; i++, n++) {
                byte[] pack = packs[(int) (n % packs.length)];
                List<SenmlRecord> records = f == Format.JSON ? codec.decodeJson(pack, now)
                        : codec.decodeCbor(pack, now);
                produced += points == null ? records.size()
                        : PackMatcher.match("aqn-001", points, records).samples().size();
            }
        } while (System.nanoTime() < end);
        if (produced != n * AqnPacks.RECORDS) {
            // also keeps the JIT from dropping the work
            throw new IllegalStateException(f + ": " + produced + " records/samples from " + n + " packs");
        }
        return n;
    }

    /** One end-to-end run against a fresh driver (plain CoAP allowed only in the plain run, as in the field). */
    private static Phase ingest(boolean dtls, Format f, List<String> ids, Map<String, byte[]> keys, Path psk,
            int warmup, int seconds) throws Exception {
        CountingSink sink = new CountingSink();
        Phase p = new Phase();
        Set<Long> beforeDriver = GatewayCpu.liveThreadIds();
        // nodes with a key must use DTLS: the plain run's nodes are key-less
        Path keyFile = dtls ? psk : pskFile(Files.createTempDirectory(psk.getParent(), "plain-"), Map.of());
        try (CoapDriver driver = new CoapDriver(TestSites.config(!dtls, keyFile.toString()), sink).start()) {
            List<DeviceDefinition> devices = ids.stream().map(id -> TestSites.device(id, AqnPacks.PROFILE, null))
                    .toList();
            DeviceProfile profile = AqnPacks.profile();
            driver.update(TestSites.site(devices.toArray(DeviceDefinition[]::new)), TestSites.profiles(profile));
            ReadingsServer server = driver.server();
            InetSocketAddress address = new InetSocketAddress("127.0.0.1", dtls ? server.dtlsPort()
                    : server.plainPort());
            GatewayCpu cpu = new GatewayCpu(beforeDriver, address.getPort());
            byte[][] packs = AqnPacks.pool(f);
            try (NodeFleet fleet = dtls ? NodeFleet.dtls(keys, ids, address, packs, f.contentFormat)
                    : NodeFleet.plain(ids, address, packs, f.contentFormat)) {
                fleet.start();
                Thread.sleep(TimeUnit.SECONDS.toMillis(warmup));
                long packs0 = sink.packs.sum();
                long samples0 = sink.samples.sum();
                GatewayCpu.Snapshot from = cpu.snapshot();
                long start = System.nanoTime();
                fleet.measure(true);
                Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
                fleet.measure(false);
                GatewayCpu.Snapshot to = cpu.snapshot();
                p.nanos = System.nanoTime() - start;
                p.packs = sink.packs.sum() - packs0;
                p.samplesPerS = (sink.samples.sum() - samples0) / (p.nanos / 1e9);
                p.packsPerS = p.packs / (p.nanos / 1e9);
                p.gatewayCpuNanos = GatewayCpu.gatewayNanos(from, to);
                p.processCpuNanos = to.processCpuNanos() - from.processCpuNanos();
                p.cpuGroups = GatewayCpu.byGroup(from, to).entrySet().stream()
                        .map(e -> e.getKey() + " " + fmt(e.getValue() / 1e6, 0) + " ms").toList().toString();
                p.abandoned = fleet.stop(5_000);
                p.window = fleet.window();
                p.nodeRefused = fleet.refusedTotal();
                p.nodeFailed = fleet.failedTotal();
            }
            p.serverRefusals = serverRefusals(driver);
            p.badSamples = sink.bad.sum();
            p.totalPacks = sink.packs.sum();
            p.heapMib = GatewayCpu.heapAfterGcMib();
        }
        p.heapClosedMib = GatewayCpu.heapAfterGcMib();
        return p;
    }

    /** Every refusal the server counted: per node (ignored records are not refusals), unknown senders, handshakes. */
    private static long serverRefusals(CoapDriver driver) {
        long n = 0;
        for (DeviceHealth h : driver.health()) {
            n += h.errors().entrySet().stream().filter(e -> !e.getKey().equals("ignoredRecords"))
                    .mapToLong(Map.Entry::getValue).sum();
        }
        ServerCounters c = driver.serverCounters();
        return n + c.unknownRefusals().values().stream().mapToLong(Long::longValue).sum() + c.handshakeFailures();
    }

    private static Path pskFile(Path dir, Map<String, byte[]> keys) throws IOException {
        StringBuilder b = new StringBuilder();
        keys.forEach((id, key) -> b.append(id).append('=').append(HexFormat.of().formatHex(key)).append('\n'));
        Path psk = dir.resolve("psk.properties");
        Files.createFile(psk, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        return Files.writeString(psk, b);
    }

    /** The test SampleSink: counts packs (one batch per accepted pack) and samples, and any that is not GOOD. */
    private static final class CountingSink implements Consumer<List<Sample>> {
        final LongAdder packs = new LongAdder();
        final LongAdder samples = new LongAdder();
        final LongAdder bad = new LongAdder();

        @Override
        public void accept(List<Sample> batch) {
            packs.increment();
            samples.add(batch.size());
            for (Sample s : batch) {
                if (s.quality() != Quality.GOOD) {
                    bad.increment();
                }
            }
        }
    }

    /** The figures of one end-to-end run. */
    private static final class Phase {
        long nanos;
        long packs;
        double packsPerS;
        double samplesPerS;
        long badSamples;
        long gatewayCpuNanos;
        long processCpuNanos;
        String cpuGroups;
        int abandoned;
        NodeFleet.Window window;
        long nodeRefused;
        long nodeFailed;
        long serverRefusals;
        double heapMib;
        double heapClosedMib;
        long totalPacks;

        /** Refusals seen from either end (the server's count includes handshake failures the nodes never see). */
        long refusals() {
            return Math.max(nodeRefused, serverRefusals);
        }

        double gatewayUsPerPack() {
            return packs == 0 ? -1 : gatewayCpuNanos / 1e3 / packs;
        }

        double processUsPerPack() {
            return packs == 0 ? -1 : processCpuNanos / 1e3 / packs;
        }

        /** Heap the driver still holds per pack accepted in the run (warm-up included), once the load stopped. */
        double retainedBytesPerPack() {
            return totalPacks == 0 ? -1 : (heapMib - heapClosedMib) * 1024 * 1024 / totalPacks;
        }

        double gatewayCores() {
            return gatewayCpuNanos / (double) nanos;
        }

        double processCores() {
            return processCpuNanos / (double) nanos;
        }

        double p50() {
            return percentile(0.50);
        }

        double p99() {
            return percentile(0.99);
        }

        double max() {
            long[] l = window.latencyNanos();
            return l.length == 0 ? -1 : l[l.length - 1] / 1e6;
        }

        private double percentile(double q) {
            long[] l = window.latencyNanos();
            return l.length == 0 ? -1 : l[Math.min(l.length - 1, (int) (l.length * q))] / 1e6;
        }
    }

    private static String fmt(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    private static int intArg(String[] args, String name, int fallback) {
        return Integer.parseInt(stringArg(args, name, Integer.toString(fallback)));
    }

    private static String stringArg(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }

    private static void deleteTree(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp dir: the OS cleans it eventually
        }
    }
}
