package org.cityedge.coap.internal.client;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.cityedge.api.field.DeviceHealth;
import org.cityedge.api.field.DeviceState;
import org.cityedge.api.field.WriteResult;
import org.cityedge.api.model.Quality;
import org.cityedge.api.model.Sample;
import org.cityedge.api.profile.CoapFormat;
import org.cityedge.api.profile.DeviceProfile;
import org.cityedge.api.profile.PointDefinition;
import org.cityedge.api.site.DeviceDefinition;
import org.cityedge.coap.internal.DriverConfig;
import org.cityedge.coap.internal.codec.PackMatcher;
import org.cityedge.coap.internal.codec.PointCodec;
import org.cityedge.coap.internal.codec.RejectedValueException;
import org.cityedge.coap.internal.senml.SenmlCodec;
import org.cityedge.coap.internal.senml.SenmlException;
import org.cityedge.coap.internal.senml.SenmlRecord;
import org.cityedge.field.support.ThrottledLog;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.MessageObserverAdapter;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.network.Endpoint;
import org.eclipse.californium.core.observe.NotificationListener;
import org.eclipse.californium.core.observe.NotificationOrder;
import org.eclipse.californium.elements.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One CoAP device the gateway reads. Everything is asynchronous on Californium's threads and one shared scheduler,
 * so a slow device never holds another. A failed read turns the group's samples into the last good value marked
 * STALE, or BAD when there is none, as the Modbus driver does.
 */
final class DeviceClient {

    private static final Logger LOG = LoggerFactory.getLogger(DeviceClient.class);

    final DeviceDefinition device;
    final DeviceProfile profile;
    final DeviceStatus status;
    private final String baseUri;
    private final Endpoint endpoint;
    private final String refusal;
    /** For coaps://: registers the device's PSK for the address its host resolved to (null for coap://). */
    private final Consumer<InetSocketAddress> peerKey;
    private final DriverConfig config;
    private final ScheduledExecutorService scheduler;
    private final Consumer<List<Sample>> publisher;
    private final SenmlCodec senml;
    private final List<ResourceGroup> groups;
    private final Map<String, Sample> lastGood = new ConcurrentHashMap<>();
    private final ThrottledLog failureLog;
    private final int timeoutMs;
    /** Notifications after the first response reach the endpoint's listeners, not the request's observers. */
    private final NotificationListener notifications = this::onNotification;
    private volatile boolean stopped;

    /**
     * @param endpoint the endpoint to reach it by, or null when it cannot be reached by configuration
     * @param refusal  why it cannot be reached ({@code plainRefused}, {@code noKey}, ...), or null
     * @param peerKey  called with each request's resolved destination before it is sent, or null
     */
    DeviceClient(DeviceDefinition device, DeviceProfile profile, Endpoint endpoint, String refusal,
            Consumer<InetSocketAddress> peerKey, DriverConfig config, ScheduledExecutorService scheduler, Consumer<List<Sample>> publisher,
            SenmlCodec senml) {
        this.device = device;
        this.profile = profile;
        this.baseUri = device.address().replaceAll("/+$", "");
        this.endpoint = endpoint;
        this.refusal = refusal;
        this.peerKey = peerKey;
        this.config = config;
        this.scheduler = scheduler;
        this.publisher = publisher;
        this.senml = senml;
        this.groups = ResourceGroup.of(profile, config);
        this.status = new DeviceStatus(device.id(), device.bus(), config.offlineAfterFailures());
        this.timeoutMs = Math.max(10, profile.limits().responseTimeoutMs());
        this.failureLog = new ThrottledLog(LOG, "CoAP device " + device.id() + " (" + device.address() + ")",
                config.errorLogIntervalMs(), "answering again");
    }

    void start() {
        if (refusal != null) {
            status.refused(refusal);
            LOG.error("CoAP device {}: not read: {}", device.id(), describeRefusal());
            List<Sample> out = new ArrayList<>();
            long now = System.currentTimeMillis();
            groups.forEach(g -> g.points.forEach(p -> PointCodec.bad(device.id(), p, now, refusal, out)));
            publisher.accept(out);
            return;
        }
        long stagger = Math.min(1000, groups.isEmpty() ? 0 : ThreadLocalRandom.current().nextLong(50, 250));
        if (groups.stream().anyMatch(g -> g.observe)) {
            endpoint.addNotificationListener(notifications);
        }
        for (ResourceGroup g : groups) {
            if (g.observe) {
                scheduler.schedule(() -> register(g), stagger, TimeUnit.MILLISECONDS);
            } else {
                schedulePolls(g, stagger);
            }
        }
    }

    private String describeRefusal() {
        return switch (refusal) {
            case "plainRefused" -> "plain coap:// is not allowed (set allowPlain = true, or use coaps://)";
            case "noKey" -> "no pre-shared key for it in the PSK file";
            default -> refusal;
        };
    }

    void stop() {
        stopped = true;
        if (endpoint != null) {
            endpoint.removeNotificationListener(notifications);
        }
        synchronized (this) {
            for (ResourceGroup g : groups) {
                cancelTasks(g);
                dropRelation(g);
            }
        }
    }

    DeviceHealth health() {
        return status.snapshot();
    }

    // ---- polling

    private void schedulePolls(ResourceGroup g, long initialDelayMs) {
        synchronized (this) {
            if (stopped) {
                return;
            }
            if (g.pollTask != null) {
                g.pollTask.cancel(false);
            }
            g.pollTask = scheduler.scheduleAtFixedRate(() -> pollTick(g), initialDelayMs, g.periodMs,
                    TimeUnit.MILLISECONDS);
        }
    }

    private final Map<ResourceGroup, AtomicBoolean> inFlight = new ConcurrentHashMap<>();

    private void pollTick(ResourceGroup g) {
        try {
            AtomicBoolean busy = inFlight.computeIfAbsent(g, k -> new AtomicBoolean());
            if (!busy.compareAndSet(false, true)) {
                return; // the previous read of this group is still waiting: do not pile up requests
            }
            if (status.state() == DeviceState.OFFLINE && skipForBackoff(g)) {
                busy.set(false);
                return;
            }
            read(g).whenComplete((s, e) -> busy.set(false));
        } catch (RuntimeException e) {
            inFlight.get(g).set(false);
            LOG.error("CoAP device {}: poll of {} failed", device.id(), g, e); // never let the periodic task die
        }
    }

    /** While OFFLINE, skip ticks so that retries come at a delay doubling with the failure streak, up to the cap. */
    private boolean skipForBackoff(ResourceGroup g) {
        long wanted = Math.min(config.backoffCapMs(),
                config.backoffInitialMs() << Math.min(20, Math.max(0, status.consecutiveFailures() - 1)));
        long now = System.currentTimeMillis();
        if (now - g.lastNotifyMs < wanted) {
            return true;
        }
        g.lastNotifyMs = now; // for a polled group: time of the last attempt
        return false;
    }

    /** One GET of a group; publishes and returns its samples. */
    CompletableFuture<List<Sample>> read(ResourceGroup g) {
        long started = System.nanoTime();
        Request get;
        try {
            get = newGet(g);
        } catch (RuntimeException e) {
            List<Sample> out = failure(g, unsendable(e));
            publisher.accept(out);
            return CompletableFuture.completedFuture(out);
        }
        return send(get).handle((response, error) -> {
            List<Sample> out = error != null ? failure(g, reason(error)) : answer(g, response, started);
            publisher.accept(out);
            return out;
        });
    }

    private Request newGet(ResourceGroup g) {
        Request r = Request.newGet();
        address(r, g);
        r.getOptions().setAccept(g.format.contentFormat());
        return r;
    }

    /**
     * Sets the request's URI. Californium resolves a host name here, on the calling (scheduler or Californium)
     * thread and never under a lock; the PSK is then registered for the address it resolved to.
     */
    private void address(Request r, ResourceGroup g) {
        r.setURI(baseUri + g.path);
        if (peerKey != null) {
            peerKey.accept(r.getDestinationContext().getPeerAddress());
        }
    }

    /** The health reason of a request that could not even be built (host name not resolved, bad URI). */
    private static String unsendable(RuntimeException e) {
        String m = String.valueOf(e.getMessage());
        return m.startsWith("cannot resolve") ? "unresolved" : "badAddress";
    }

    /** Sends a request; completes with the response, or exceptionally with a reason key as message. */
    private CompletableFuture<Response> send(Request request) {
        CompletableFuture<Response> result = new CompletableFuture<>();
        request.addMessageObserver(new MessageObserverAdapter() {
            @Override
            public void onResponse(Response response) {
                result.complete(response);
            }

            @Override
            public void onTimeout() {
                result.completeExceptionally(new ReadFailure("timeout"));
            }

            @Override
            public void onReject() {
                result.completeExceptionally(new ReadFailure("rejected"));
            }

            @Override
            public void onCancel() {
                result.completeExceptionally(new ReadFailure("timeout"));
            }

            @Override
            public void onSendError(Throwable error) {
                result.completeExceptionally(new ReadFailure(error.getClass().getSimpleName().contains("Handshake")
                        ? "handshake" : "sendError"));
            }
        });
        scheduler.schedule(() -> {
            if (!result.isDone()) {
                result.completeExceptionally(new ReadFailure("timeout"));
                request.cancel();
            }
        }, timeoutMs, TimeUnit.MILLISECONDS);
        try {
            endpoint.sendRequest(request);
        } catch (RuntimeException e) {
            result.completeExceptionally(new ReadFailure("sendError"));
        }
        return result;
    }

    /** A response to a read or a notification: samples, health. */
    private List<Sample> answer(ResourceGroup g, Response response, long startedNanos) {
        long now = System.currentTimeMillis();
        if (!response.isSuccess()) {
            return unusable(g, "status:" + response.getCode().text, now);
        }
        int cf = response.getOptions().getContentFormat();
        if (cf != g.format.contentFormat() && !(g.format == CoapFormat.TEXT && cf == MediaTypeRegistry.UNDEFINED)) {
            return unusable(g, "badFormat", now);
        }
        List<Sample> out = new ArrayList<>();
        if (g.format == CoapFormat.TEXT) {
            String text = new String(response.getPayload(), StandardCharsets.UTF_8);
            for (PointDefinition p : g.points) {
                out.addAll(PointCodec.fromText(device.id(), p, text, now));
            }
        } else {
            List<SenmlRecord> records;
            try {
                byte[] payload = response.getPayload();
                records = g.format == CoapFormat.SENML_JSON ? senml.decodeJson(payload, now)
                        : senml.decodeCbor(payload, now);
            } catch (SenmlException e) {
                failureLog.failure(g + ": bad SenML: " + e.getMessage(), now);
                return unusable(g, "badPayload", now);
            }
            PackMatcher.Match match = PackMatcher.match(device.id(), g.points, records);
            out.addAll(match.samples());
            for (PointDefinition p : g.points) {
                if (!match.matched().contains(p)) {
                    PointCodec.bad(device.id(), p, now, "not in pack", out);
                }
            }
            if (match.ignored() > 0) {
                status.count("ignoredRecords");
            }
        }
        boolean anyGood = false;
        for (Sample s : out) {
            if (s.quality() == Quality.GOOD) {
                lastGood.put(s.point(), s);
                anyGood = true;
            }
        }
        if (anyGood) {
            status.answered((System.nanoTime() - startedNanos) / 1000, now);
            failureLog.recovered(now);
        } else {
            status.answeredBadly("noGoodValue", now); // it answers, but nothing it says is usable
        }
        return out;
    }

    private List<Sample> unusable(ResourceGroup g, String reason, long now) {
        status.answeredBadly(reason, now);
        failureLog.failure(g + ": " + reason, now);
        return spoil(g, reason, now);
    }

    private List<Sample> failure(ResourceGroup g, String message) {
        String reason = message == null ? "error" : message;
        long now = System.currentTimeMillis();
        DeviceState before = status.state();
        DeviceState after = status.failed(reason);
        failureLog.failure(g + ": " + reason, now);
        if (after == DeviceState.OFFLINE && before != DeviceState.OFFLINE) {
            LOG.warn("CoAP device {}: OFFLINE, retried with backoff", device.id());
        }
        return spoil(g, reason, now);
    }

    private List<Sample> spoil(ResourceGroup g, String reason, long now) {
        return PointCodec.spoil(device.id(), g.points, lastGood::get, reason, now);
    }

    // ---- observe

    /** Registers (again); a failure to even build the request goes the way of a failed relation, with backoff. */
    private void register(ResourceGroup g) {
        try {
            registerOrThrow(g);
        } catch (RuntimeException e) {
            LOG.debug("CoAP device {}: registering {} failed", device.id(), g, e);
            synchronized (this) {
                if (stopped) {
                    return;
                }
                dropRelation(g);
            }
            publisher.accept(failure(g, unsendable(e)));
            scheduleReregister(g);
        }
    }

    private void registerOrThrow(ResourceGroup g) {
        Request req = newGet(g);
        req.setObserve();
        long started = System.nanoTime();
        AtomicBoolean first = new AtomicBoolean(true);
        synchronized (this) {
            if (stopped) {
                return;
            }
            dropRelation(g);
            g.relation = req;
            g.observing = true;
            g.lastNotifyMs = 0;
            g.observeSeq = -1; // a new relation: its sequence numbers start afresh
        }
        req.addMessageObserver(new MessageObserverAdapter() {
            @Override
            public void onResponse(Response response) {
                notified(g, req, response, first.getAndSet(false), started);
            }

            @Override
            public void onTimeout() {
                relationFailed(g, req, "timeout");
            }

            @Override
            public void onReject() {
                relationFailed(g, req, "rejected");
            }

            @Override
            public void onSendError(Throwable error) {
                relationFailed(g, req, "sendError");
            }
        });
        scheduler.schedule(() -> {
            if (first.get()) {
                relationFailed(g, req, "timeout");
            }
        }, timeoutMs, TimeUnit.MILLISECONDS);
        try {
            endpoint.sendRequest(req);
        } catch (RuntimeException e) {
            relationFailed(g, req, "sendError");
        }
    }

    /** A notification of some relation on the shared endpoint: ours when its token is one of our relations'. */
    private void onNotification(Request request, Response response) {
        if (stopped || request.getToken() == null) {
            return;
        }
        for (ResourceGroup g : groups) {
            Request relation = g.relation;
            if (relation != null && request.getToken().equals(relation.getToken())) {
                notified(g, relation, response, false, System.nanoTime());
                return;
            }
        }
    }

    private void notified(ResourceGroup g, Request req, Response response, boolean first, long startedNanos) {
        synchronized (this) {
            if (stopped || g.relation != req) {
                return; // a relation we already dropped
            }
            if (!fresh(g, response)) {
                status.count("staleNotification");
                return;
            }
            if (first && response.isSuccess() && !response.getOptions().hasObserve()) {
                // the device answered but will not notify: poll this group instead
                status.count("observeRefused");
                LOG.info("CoAP device {}: {} is not observable; polled every {} ms", device.id(), g, g.periodMs);
                dropRelation(g);
                schedulePolls(g, g.periodMs);
            } else if (!response.isSuccess()) {
                dropRelation(g);
                scheduleReregister(g);
            } else {
                g.lastNotifyMs = System.currentTimeMillis();
                g.maxAgeMs = response.getOptions().getMaxAge() * 1000;
                g.backoffMs = 0;
                if (g.watchdog == null) {
                    long every = Math.max(500, Math.min(g.periodMs, config.observeGraceMs()));
                    g.watchdog = scheduler.scheduleAtFixedRate(() -> watch(g), every, every, TimeUnit.MILLISECONDS);
                }
            }
        }
        publisher.accept(answer(g, response, first ? startedNanos : System.nanoTime()));
    }

    /**
     * RFC 7641 §3.4: a notification is newer than the last one of its relation when its Observe number is ahead
     * within 2^23, or when it came more than 128 s later. Notifications may be processed out of arrival order on
     * Californium's threads, and the network may reorder them. Called with the lock held.
     */
    private static boolean fresh(ResourceGroup g, Response response) {
        Integer seq = response.getOptions().getObserve();
        if (seq == null) {
            return true;
        }
        long t = response.getNanoTimestamp() != 0 ? response.getNanoTimestamp() : ClockUtil.nanoRealtime();
        if (g.observeSeq >= 0 && !NotificationOrder.isNew(g.observeNanos, g.observeSeq, t, seq)) {
            return false;
        }
        g.observeSeq = seq;
        g.observeNanos = t;
        return true;
    }

    /** A relation that went quiet past its Max-Age (plus grace) is registered again; never lets the task die. */
    private void watch(ResourceGroup g) {
        try {
            watchOrThrow(g);
        } catch (RuntimeException e) {
            LOG.error("CoAP device {}: watching {} failed", device.id(), g, e);
        }
    }

    private void watchOrThrow(ResourceGroup g) {
        Request stale;
        synchronized (this) {
            long quiet = System.currentTimeMillis() - g.lastNotifyMs;
            if (stopped || !g.observing || g.lastNotifyMs == 0 || quiet <= g.maxAgeMs + config.observeGraceMs()) {
                return;
            }
            stale = g.relation;
        }
        status.count("observeQuiet");
        failureLog.failure(g + ": no notification for " + (System.currentTimeMillis() - g.lastNotifyMs)
                + " ms; registering again", System.currentTimeMillis());
        if (stale != null) {
            register(g);
        }
    }

    private void relationFailed(ResourceGroup g, Request req, String reason) {
        synchronized (this) {
            if (stopped || g.relation != req) {
                return;
            }
            dropRelation(g);
        }
        publisher.accept(failure(g, reason));
        scheduleReregister(g);
    }

    private synchronized void scheduleReregister(ResourceGroup g) {
        if (stopped) {
            return;
        }
        g.backoffMs = g.backoffMs == 0 ? config.backoffInitialMs() : Math.min(config.backoffCapMs(), g.backoffMs * 2);
        scheduler.schedule(() -> register(g), g.backoffMs, TimeUnit.MILLISECONDS);
    }

    /** Called with the lock held. */
    private void dropRelation(ResourceGroup g) {
        Request r = g.relation;
        g.relation = null;
        g.observing = false;
        if (r != null) {
            r.cancel();
            if (r.getToken() != null) {
                endpoint.cancelObservation(r.getToken());
            }
        }
    }

    private void cancelTasks(ResourceGroup g) {
        if (g.pollTask != null) {
            g.pollTask.cancel(false);
            g.pollTask = null;
        }
        if (g.watchdog != null) {
            g.watchdog.cancel(false);
            g.watchdog = null;
        }
    }

    // ---- on demand

    CompletableFuture<List<Sample>> readNow() {
        if (refusal != null) {
            return CompletableFuture.failedFuture(new IllegalStateException(device.id() + ": " + describeRefusal()));
        }
        List<CompletableFuture<List<Sample>>> reads = groups.stream().map(this::read).toList();
        return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).thenApply(v -> {
            List<Sample> all = new ArrayList<>();
            reads.forEach(r -> all.addAll(r.join()));
            return all;
        });
    }

    CompletableFuture<WriteResult> write(String pointName, Object value) {
        PointDefinition p = profile.points().stream().filter(x -> x.name().equals(pointName)).findFirst()
                .orElse(null);
        if (p == null || p.coap() == null) {
            return done(pointName, value, null, "no point " + pointName + " on " + device.id());
        }
        if (refusal != null) {
            return done(pointName, value, null, describeRefusal());
        }
        Object wire;
        try {
            wire = PointCodec.toWire(p, value);
        } catch (RejectedValueException e) {
            return done(pointName, value, null, e.getMessage());
        }
        ResourceGroup g = groups.stream().filter(x -> x.points.contains(p)).findFirst().orElseThrow();
        Request req;
        if (g.format == CoapFormat.TEXT) {
            req = Request.newPut();
            req.setPayload(String.valueOf(wire));
        } else {
            req = Request.newPost(); // LwM2M partial update of the instance
            req.setPayload(senml.encodeOne(p.coap().name(), wire, g.format == CoapFormat.SENML_CBOR));
        }
        try {
            address(req, g);
        } catch (RuntimeException e) {
            return done(pointName, value, null, "write failed: " + unsendable(e));
        }
        req.getOptions().setContentFormat(g.format.contentFormat());
        return send(req).thenCompose(response -> {
            if (!response.isSuccess()) {
                return done(pointName, value, null, "device refused the write: " + response.getCode() + " "
                        + response.getPayloadString());
            }
            return read(g).thenApply(samples -> compare(p, value, samples));
        }).exceptionally(e -> new WriteResult(device.id(), pointName, value, null, false,
                "write failed: " + reason(e)));
    }

    private WriteResult compare(PointDefinition p, Object requested, List<Sample> samples) {
        Sample s = samples.stream().filter(x -> x.point().equals(p.name())).findFirst().orElse(null);
        if (s == null || s.quality() != Quality.GOOD) {
            return new WriteResult(device.id(), p.name(), requested, null, false,
                    "read-back failed: " + (s == null ? "no value" : s.reason()));
        }
        boolean ok = PointCodec.sameValue(p, requested, s.value());
        return new WriteResult(device.id(), p.name(), requested, s.value(), ok,
                ok ? null : "read back " + s.value() + " after writing " + requested);
    }

    private CompletableFuture<WriteResult> done(String point, Object value, Object readBack, String error) {
        return CompletableFuture.completedFuture(new WriteResult(device.id(), point, value, readBack, false, error));
    }

    private static String reason(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && !(t instanceof ReadFailure)) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    boolean sameSetup(DeviceDefinition d, DeviceProfile p) {
        return device.equals(d) && profile.equals(p);
    }

    /** A failed read; the message is the health counter key. */
    static final class ReadFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ReadFailure(String reason) {
            super(reason, null, false, false);
        }
    }
}
