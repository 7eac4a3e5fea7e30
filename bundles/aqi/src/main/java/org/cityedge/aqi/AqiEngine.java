package org.cityedge.aqi;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.cityedge.api.model.Quality;
import org.cityedge.api.model.Sample;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps each air-quality station's readings as hourly averages and, when a clock hour is over, publishes the
 * station's VN_AQI for it. {@link #accept} runs on the pollers' threads and only adds to running sums; {@link #tick}
 * runs on one timer thread, closes the hours that are due and hands the derived samples to the emitter outside the
 * lock. Time comes from the injected clock only.
 */
final class AqiEngine {

    private static final Logger LOG = LoggerFactory.getLogger(AqiEngine.class);

    /** Readings stamped this far ahead of the gateway's clock are still taken (device clocks drift). */
    static final long FUTURE_TOLERANCE_MS = 120_000;
    /** NowCast looks back 12 hours: older hours cannot change an index, so a larger clock jump starts afresh. */
    private static final long MAX_CATCH_UP_MS = HourlyHistory.HOURS * HourGrid.HOUR_MS;
    private static final int MAX_WARNINGS = 256;
    static final String PM_SENSOR_FAILURE = "pmSensorFailure";
    static final String GAS_SENSOR_FAILURE = "gasSensorFailure";

    /** One station: its closed hours and the hours still open (the current one, and the last during its delay). */
    private static final class Station {
        HourlyHistory history = new HourlyHistory();
        final TreeMap<Long, HourBucket> open = new TreeMap<>();
        long lastBatch;
        boolean pmFault;
        boolean gasFault;
    }

    private final Clock clock;
    private final AirQualityStations stations;
    private final Consumer<List<Sample>> emitter;
    private final Map<String, Station> tracked = new HashMap<>();
    private final EnumMap<Rejection, Long> rejected = new EnumMap<>(Rejection.class);
    private final Map<Rejection, Long> rejectedAtLastLog = new EnumMap<>(Rejection.class);
    private final Set<String> warned = new HashSet<>();
    private final AtomicLong samplesEmitted = new AtomicLong();
    private AqiSettings settings;
    private HourGrid grid;
    private long nextToClose;
    private long nextLive;
    private long accepted;
    private long hoursClosed;

    AqiEngine(Clock clock, AirQualityStations stations, AqiSettings settings, Consumer<List<Sample>> emitter) {
        this.clock = clock;
        this.stations = stations;
        this.emitter = emitter;
        this.settings = settings;
        this.grid = new HourGrid(stations.zone());
        long now = clock.millis();
        this.nextToClose = grid.start(now);
        this.nextLive = now + settings.liveIntervalMs();
    }

    synchronized void reconfigure(AqiSettings newSettings) {
        settings = newSettings;
        nextLive = clock.millis() + newSettings.liveIntervalMs();
    }

    /** Takes the pollutant readings of air-quality stations; everything else is ignored. Never throws for data. */
    void accept(List<Sample> batch) {
        if (batch == null) {
            return;
        }
        for (Sample s : batch) {
            if (s == null) { // never from a healthy driver; drop the holes rather than the batch
                batch = batch.stream().filter(Objects::nonNull).toList();
                break;
            }
        }
        int from = 0;
        for (int i = 1; i <= batch.size(); i++) { // the contract says one device a batch; split if not
            if (i == batch.size() || !batch.get(i).deviceId().equals(batch.get(from).deviceId())) {
                acceptStation(batch.subList(from, i));
                from = i;
            }
        }
    }

    private void acceptStation(List<Sample> samples) {
        String device = samples.get(0).deviceId();
        Set<Pollutant> measured = stations.pollutantsOf(device);
        if (measured.isEmpty()) {
            return;
        }
        long now = clock.millis();
        synchronized (this) {
            Station station = tracked.computeIfAbsent(device, d -> new Station());
            station.lastBatch = now;
            readFaultFlags(station, samples);
            for (Sample s : samples) {
                Pollutant p = Pollutant.byPoint(s.point());
                if (p == null || !measured.contains(p)) {
                    continue;
                }
                Rejection why = add(station, p, s, now);
                if (why == null) {
                    accepted++;
                } else {
                    rejected.merge(why, 1L, Long::sum);
                }
            }
        }
    }

    /** The station's own fault bits stay set until it clears them, also across batches of other poll classes. */
    private static void readFaultFlags(Station station, List<Sample> samples) {
        for (Sample s : samples) {
            if (s.quality() == Quality.GOOD && s.value() instanceof Boolean on) {
                if (s.point().equals(PM_SENSOR_FAILURE)) {
                    station.pmFault = on;
                } else if (s.point().equals(GAS_SENSOR_FAILURE)) {
                    station.gasFault = on;
                }
            }
        }
    }

    /** Adds one reading to its hour; the reason when it is left out. */
    private Rejection add(Station station, Pollutant p, Sample s, long now) {
        if (s.quality() == Quality.BAD) {
            return Rejection.BAD;
        }
        if (s.quality() == Quality.STALE) {
            return Rejection.STALE;
        }
        if (!(s.value() instanceof Double || s.value() instanceof Long)
                || !Double.isFinite(((Number) s.value()).doubleValue())) {
            warnOnce(s, p.point + ": value " + s.value() + " is not a finite number");
            return Rejection.NOT_A_NUMBER;
        }
        double concentration;
        try {
            concentration = Concentrations.toMicrogramsPerCubicMetre(p, ((Number) s.value()).doubleValue(), s.unit());
        } catch (IllegalArgumentException e) {
            warnOnce(s, e.getMessage());
            return Rejection.UNIT;
        }
        if (concentration < 0) {
            return Rejection.NEGATIVE;
        }
        if (p.particulate() ? station.pmFault : station.gasFault) {
            return Rejection.SENSOR_FAULT;
        }
        long hour = grid.start(s.timestamp());
        if (hour < nextToClose) {
            return Rejection.LATE;
        }
        if (s.timestamp() > now + FUTURE_TOLERANCE_MS) {
            return Rejection.FUTURE;
        }
        station.open.computeIfAbsent(hour, HourBucket::new).add(p, concentration, s.timestamp());
        return null;
    }

    /** Closes every hour that is due (its end plus the close delay has passed) and publishes the live estimate. */
    void tick() {
        List<List<Sample>> out = new ArrayList<>();
        synchronized (this) {
            long now = clock.millis();
            followZone(now);
            if (grid.start(now) < nextToClose - HourGrid.HOUR_MS) {
                restart("the clock went back", grid.start(now));
            }
            long dueBefore = grid.start(now - settings.closeDelayMs());
            if (dueBefore - nextToClose > MAX_CATCH_UP_MS) {
                restart("the clock jumped ahead", dueBefore);
            }
            boolean closed = false;
            while (nextToClose < dueBefore) {
                closeHour(nextToClose, out);
                nextToClose = grid.next(nextToClose);
                closed = true;
            }
            if (closed) {
                logRejections();
            }
            if (settings.liveIntervalMs() > 0) {
                nextLive = Math.min(nextLive, now + settings.liveIntervalMs()); // the clock may have gone back
                if (now >= nextLive) {
                    live(now, out);
                    nextLive = now + settings.liveIntervalMs();
                }
            }
        }
        for (List<Sample> batch : out) {
            emitter.accept(batch);
            samplesEmitted.addAndGet(batch.size());
        }
    }

    private void closeHour(long hour, List<List<Sample>> out) {
        long hourEnd = grid.next(hour);
        for (Iterator<Map.Entry<String, Station>> it = tracked.entrySet().iterator(); it.hasNext();) {
            Map.Entry<String, Station> entry = it.next();
            Station station = entry.getValue();
            HourBucket bucket = station.open.remove(hour);
            station.history.push(bucket == null ? HourBucket.missing() : bucket.averages(settings.minCoverageSlots()));
            Set<Pollutant> measured = stations.pollutantsOf(entry.getKey());
            boolean silent = station.history.empty() && station.open.isEmpty()
                    && station.lastBatch < hourEnd - MAX_CATCH_UP_MS;
            if (measured.isEmpty() || silent) {
                it.remove(); // left the site, or nothing heard for 12 hours
                continue;
            }
            out.add(DerivedPoints.hourly(entry.getKey(), VnAqi.hourly(station.history, measured), measured, hourEnd));
        }
        hoursClosed++;
    }

    /** The index with the hour so far as c1 (and the previous hour if it is still open), without coverage rule. */
    private void live(long now, List<List<Sample>> out) {
        long current = grid.start(now);
        for (Map.Entry<String, Station> entry : tracked.entrySet()) {
            Set<Pollutant> measured = stations.pollutantsOf(entry.getKey());
            if (measured.isEmpty()) {
                continue;
            }
            Station station = entry.getValue();
            HourlyHistory view = station.history.copy();
            for (long hour = nextToClose; hour <= current; hour = grid.next(hour)) {
                HourBucket bucket = station.open.get(hour);
                int minSlots = hour == current ? 1 : settings.minCoverageSlots();
                view.push(bucket == null ? HourBucket.missing() : bucket.averages(minSlots));
            }
            out.add(DerivedPoints.live(entry.getKey(), VnAqi.hourly(view, measured), now));
        }
    }

    /** A new site time zone whose hours start at other instants (e.g. UTC+5:30 after UTC) starts afresh. */
    private void followZone(long now) {
        ZoneId zone = stations.zone();
        if (zone.equals(grid.zone())) {
            return;
        }
        HourGrid newGrid = new HourGrid(zone);
        boolean sameHours = newGrid.start(nextToClose) == nextToClose;
        grid = newGrid;
        if (!sameHours) {
            restart("the site's time zone changed to " + zone, grid.start(now));
        }
    }

    private void restart(String why, long fromHour) {
        LOG.warn("VN_AQI: {}; hourly history dropped, counting hours again from {}", why,
                Instant.ofEpochMilli(fromHour));
        for (Station station : tracked.values()) {
            station.history = new HourlyHistory();
            station.open.clear();
        }
        nextToClose = fromHour;
    }

    private void warnOnce(Sample s, String problem) {
        String key = s.deviceId() + '/' + problem;
        if (warned.size() < MAX_WARNINGS && warned.add(key)) {
            LOG.warn("VN_AQI: device {}: {}; such readings are left out of the index (logged once)", s.deviceId(),
                    problem);
        }
    }

    private void logRejections() {
        Map<Rejection, Long> since = new EnumMap<>(Rejection.class);
        rejected.forEach((why, n) -> {
            long delta = n - rejectedAtLastLog.getOrDefault(why, 0L);
            if (delta > 0) {
                since.put(why, delta);
            }
        });
        if (!since.isEmpty()) {
            LOG.info("VN_AQI: readings left out since the last hour: {}", since);
            rejectedAtLastLog.putAll(rejected);
        }
    }

    synchronized AqiCounters counters() {
        return new AqiCounters(accepted, rejected, hoursClosed, samplesEmitted.get());
    }

    /** Hours held for a station, closed and open: the memory bound. */
    synchronized int heldHours(String device) {
        Station station = tracked.get(device);
        return station == null ? 0 : station.history.size() + station.open.size();
    }

    synchronized Set<String> trackedStations() {
        return Set.copyOf(tracked.keySet());
    }
}
