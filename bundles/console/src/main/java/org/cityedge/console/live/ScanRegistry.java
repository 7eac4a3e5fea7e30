package org.cityedge.console.live;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongSupplier;

import org.cityedge.api.field.Scan;
import org.cityedge.api.field.ScanListener;

/**
 * The scans the console knows of, by id: the running ones and the last finished ones (at most {@link #MAX_SCANS}
 * in all; the oldest finished is forgotten first).
 */
public final class ScanRegistry {

    public static final int MAX_SCANS = 8;

    private final LongSupplier clock;
    private final SecureRandom random;
    private final Map<String, ScanJob> jobs = new LinkedHashMap<>();

    public ScanRegistry(LongSupplier clock, SecureRandom random) {
        this.clock = clock;
        this.random = random;
    }

    /**
     * Starts a scan through {@code starter} (which calls the driver with the job as listener) and keeps it.
     *
     * @param key what the scan occupies (the bus id, or one key for every host scan): one running scan each
     * @throws IllegalStateException when a scan with that key runs, or {@link #MAX_SCANS} scans are running
     * @throws RuntimeException      whatever the driver throws; nothing is kept then
     */
    public ScanJob start(String key, String bus, int total, Function<ScanListener, Scan> starter) {
        synchronized (this) {
            for (ScanJob running : jobs.values()) {
                if (key.equals(running.key()) && !running.finished()) {
                    throw new IllegalStateException((bus == null ? "a host scan" : "a scan of " + bus)
                            + " is already running (" + running.id() + "): cancel it or wait for it");
                }
            }
            makeRoom();
        }
        ScanJob job = new ScanJob(newId(), key, bus, total, clock);
        Scan scan = starter.apply(job);
        job.attach(scan);
        synchronized (this) {
            jobs.put(job.id(), job);
        }
        return job;
    }

    public synchronized Optional<ScanJob> get(String id) {
        return Optional.ofNullable(jobs.get(id));
    }

    private void makeRoom() {
        Iterator<ScanJob> it = jobs.values().iterator();
        while (jobs.size() >= MAX_SCANS && it.hasNext()) {
            if (it.next().finished()) {
                it.remove();
            }
        }
        if (jobs.size() >= MAX_SCANS) {
            throw new IllegalStateException(MAX_SCANS + " scans are running: cancel one first");
        }
    }

    private String newId() {
        byte[] bytes = new byte[8];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
