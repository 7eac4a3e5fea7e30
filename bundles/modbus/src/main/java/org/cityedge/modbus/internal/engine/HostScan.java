package org.cityedge.modbus.internal.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import org.cityedge.api.field.FoundDevice;
import org.cityedge.api.field.HostScanRequest;
import org.cityedge.api.field.Scan;
import org.cityedge.api.field.ScanListener;
import org.cityedge.api.site.BusDefinition;
import org.cityedge.api.site.BusType;
import org.cityedge.modbus.internal.scan.HostRange;
import org.cityedge.modbus.internal.scan.ProfileMatcher;
import org.cityedge.modbus.internal.scan.ScanTiming;
import org.cityedge.modbus.internal.wire.ErrorKind;
import org.cityedge.modbus.internal.wire.LinkException;
import org.cityedge.modbus.internal.wire.LinkFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A scan of Modbus TCP hosts that are on no bus of the site (a new sensor station's switch), on a daemon thread of
 * its own: no bus queue owns these hosts, and a slow host must not hold up polling. Host after host, in address
 * order: connect within the timeout; on a connection, ask each unit id with the bus scan's chain ({@link UnitProbe}:
 * one register, then device identification, then signatures). A host that refuses, does not connect in time, or
 * where no unit id answers is one absent step. Cancel is heard between hosts and between unit ids.
 *
 * <p>In the {@link ScanResult}, {@code asked} counts hosts (the steps of the progress) and {@code absentMicros} is
 * the mean time of an absent host.
 */
final class HostScan implements Scan {

    private static final Logger LOG = LoggerFactory.getLogger(HostScan.class);
    static final String THREAD_NAME = "modbus-host-scan";

    private final HostScanRequest request;
    private final HostRange range;
    private final List<Integer> unitIds;
    private final int timeoutMs;
    private final int identifyTimeoutMs;
    private final ScanListener listener;
    private final LinkFactory links;
    private final ProfileMatcher matcher;
    private final CompletableFuture<ScanResult> result = new CompletableFuture<>();
    private final Thread thread;
    private volatile boolean cancelled;
    private volatile HostConnection connection;

    HostScan(HostScanRequest request, HostRange range, ScanListener listener, LinkFactory links,
            ProfileMatcher matcher) {
        this.request = request;
        this.range = range;
        this.unitIds = request.unitIds().stream().distinct().sorted().toList();
        this.timeoutMs = request.timeoutMs() > 0 ? request.timeoutMs() : ScanTiming.HOST_SCAN_TIMEOUT_MS;
        this.identifyTimeoutMs = ScanTiming.identifyTimeoutMs(endpoint(range.host(0)), timeoutMs);
        this.listener = listener;
        this.links = links;
        this.matcher = matcher;
        this.thread = BusLine.daemon(this::run, THREAD_NAME);
    }

    HostScan start() {
        thread.start();
        return this;
    }

    @Override
    public CompletionStage<ScanResult> result() {
        return result;
    }

    @Override
    public void cancel() {
        cancelled = true;
    }

    /**
     * Cancels, closes the socket of the host being asked (a read in progress ends at once) and waits for the thread.
     * A connect in progress cannot be cut short; it ends within the timeout.
     *
     * @return true when the thread ended within the wait
     */
    boolean stop() throws InterruptedException {
        cancel();
        HostConnection c = connection;
        if (c != null) {
            c.close();
        }
        thread.join(timeoutMs + 2000L);
        return !thread.isAlive();
    }

    /** True once the scan's thread has ended. */
    boolean finished() {
        return !thread.isAlive();
    }

    private void run() {
        long started = System.nanoTime();
        List<FoundDevice> found = new ArrayList<>();
        int asked = 0;
        int absent = 0;
        long absentMicros = 0;
        LOG.info("host scan of {}..{} port {}, unit ids {}, timeout {} ms: {} hosts", request.firstHost(),
                request.lastHost(), request.port(), unitIds, timeoutMs, range.size());
        try {
            for (int i = 0; i < range.size() && !cancelled; i++) {
                long hostStarted = System.nanoTime();
                List<FoundDevice> onHost = ask(range.host(i));
                asked++;
                found.addAll(onHost);
                if (onHost.isEmpty()) {
                    absent++;
                    absentMicros += (System.nanoTime() - hostStarted) / 1000;
                }
                long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
                long etaMs = Math.round((range.size() - asked) * ((double) elapsedMs / asked));
                int done = asked;
                tell(() -> listener.progress(done, range.size(), elapsedMs, etaMs));
            }
            long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            LOG.info("host scan {} after {} of {} hosts in {} ms: {} devices, {} hosts absent",
                    cancelled ? "cancelled" : "done", asked, range.size(), elapsedMs, found.size(), absent);
            result.complete(new ScanResult(found, asked, elapsedMs, absent == 0 ? 0 : absentMicros / absent,
                    cancelled));
        } catch (RuntimeException | Error e) {
            LOG.warn("host scan failed after {} hosts: {}", asked, e.toString());
            result.completeExceptionally(e);
        }
    }

    /** Every unit id on one host, in order; empty when the host is absent. */
    private List<FoundDevice> ask(String host) {
        String address = host + ":" + request.port();
        UnitProbe probe = UnitProbe.onHost(address, timeoutMs, identifyTimeoutMs, matcher);
        List<FoundDevice> found = new ArrayList<>();
        try (HostConnection c = new HostConnection(links, endpoint(host), timeoutMs)) {
            connection = c;
            for (int i = 0; i < unitIds.size() && !cancelled; i++) {
                try {
                    FoundDevice device = probe.ask(c, unitIds.get(i)).found();
                    if (device != null) {
                        found.add(device);
                        tell(() -> listener.found(device));
                    }
                } catch (LinkException e) {
                    if (e.kind() == ErrorKind.BUS_DOWN) {
                        LOG.debug("host scan: {} absent: {}", address, e.getMessage());
                        break; // refused, timed out or stopped: the other unit ids would fare the same
                    }
                    // the connection broke during this unit id: it counts as silent, the next one reconnects
                    LOG.debug("host scan: {} unit {}: {}", address, unitIds.get(i), e.getMessage());
                }
            }
        } finally {
            connection = null;
        }
        return found;
    }

    private BusDefinition endpoint(String host) {
        return new BusDefinition(host + ":" + request.port(), BusType.TCP, null, 0, null, 1, host, request.port(), 0,
                1);
    }

    private static void tell(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.debug("scan listener failed", e); // a faulty listener must not end the scan
        }
    }
}
