package org.cityedge.uplink.mqtt;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.cityedge.api.control.CommandHandler;
import org.cityedge.api.model.Sample;
import org.cityedge.api.site.Site;
import org.cityedge.api.uplink.LinkState;
import org.cityedge.api.uplink.OutboundMessage;
import org.cityedge.api.uplink.Outbox;
import org.cityedge.api.uplink.UplinkStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The uplink without OSGi: normalizer, health reports, link and drainer over a given outbox. The DS component,
 * the tests' gateway process and the benchmark all run this same engine.
 */
final class UplinkEngine implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(UplinkEngine.class);

    private final Outbox outbox;
    private final GatewayFacts facts;
    private final long startedAt = System.currentTimeMillis();
    private final TelemetryNormalizer normalizer;
    private final HealthReport healthReport = new HealthReport(startedAt);
    private final Drainer drainer;
    private final CommandInlet commandInlet;
    private final MqttLink link;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "cityedge-uplink-ticker");
        t.setDaemon(true);
        return t;
    });

    private UplinkSettings settings;
    private String tlsFingerprint = "";
    private Topics topics;
    private ScheduledFuture<?> healthTask;
    private volatile double publishRate;
    private long lastPublished;
    private long lastRateAt = System.nanoTime();
    /** The rule-set version the last birth message carried. */
    private volatile String birthRuleSetVersion;

    UplinkEngine(Outbox outbox, GatewayFacts facts) {
        this(outbox, facts, () -> null);
    }

    /** @param commands the control component that executes IOC commands; supplies null while there is none */
    UplinkEngine(Outbox outbox, GatewayFacts facts, Supplier<CommandHandler> commands) {
        this.outbox = outbox;
        this.facts = facts;
        this.commandInlet = new CommandInlet(commands, outbox);
        this.normalizer = new TelemetryNormalizer(outbox, System::currentTimeMillis);
        this.drainer = new Drainer(outbox);
        this.link = new MqttLink(new MqttLink.Listener() {
            @Override
            public void up(MqttLink.Connection connection) {
                drainer.up(connection);
            }

            @Override
            public void down() {
                drainer.down();
            }
        }, new MqttLink.StateSource() {
            @Override
            public byte[] birth(Topics t) {
                birthRuleSetVersion = facts.ruleSetVersion();
                return StateMessages.birth(facts, t, outbox.lastSequence(), System.currentTimeMillis(), startedAt,
                        birthRuleSetVersion);
            }

            @Override
            public byte[] offline(Topics t, String reason) {
                return StateMessages.offline(t, outbox.lastSequence(), System.currentTimeMillis(), reason);
            }
        }, commandInlet);
    }

    synchronized void start(UplinkSettings initial) {
        apply(initial);
        tlsFingerprint = TlsFingerprint.of(initial);
        drainer.start();
        ticker.scheduleWithFixedDelay(this::flushDueBatches, 1, 1, TimeUnit.SECONDS);
        connect();
    }

    /**
     * Applies a new configuration; reconnects only when the connection part changed, including the contents of the
     * TLS files (a renewal keeps their paths). The outbox is not touched.
     */
    synchronized void reconfigure(UplinkSettings next) {
        UplinkSettings before = settings;
        String print = TlsFingerprint.of(next);
        apply(next);
        if (!next.sameConnection(before) || !next.enabled() || !print.equals(tlsFingerprint)) {
            connect();
        }
        tlsFingerprint = print;
    }

    /** The site file changed: a new identity reconnects under the new topics, anything else updates the birth. */
    synchronized void siteChanged() {
        if (settings == null) {
            return;
        }
        Topics now = resolveTopics(settings);
        if (now == null || !now.equals(topics)) {
            connect();
        } else {
            link.republishBirth();
        }
    }

    void accept(List<Sample> samples) {
        try {
            normalizer.accept(samples);
        } catch (RuntimeException e) {
            // Bad input never stops polling: the batch is reported and skipped.
            LOG.warn("uplink: skipped a batch of {} samples: {}", samples == null ? 0 : samples.size(), e.toString());
        }
    }

    UplinkStatus status() {
        UplinkSettings s = settings;
        return new UplinkStatus(link.state(), s == null ? "" : s.brokerUrl(), link.clientId(), link.problem(),
                drainer.publishDenied() || link.publishDenied(), link.connectedSince(), link.connects(), drainer.published(), publishRate);
    }

    /** Composes a health report and hands it to the outbox now (also run every health interval). */
    void reportHealth() {
        republishBirthIfVersionsChanged();
        try {
            updateRate();
            OutboundMessage health = healthReport.compose(System.currentTimeMillis(), outbox.status(), status(),
                    facts.deviceHealth(), new HealthReport.CommandFigures(commandInlet.received(),
                            commandInlet.refusedHere(), commandInlet.repliesBuffered(),
                            connected() && !link.commandsDenied()));
            outbox.offer(health);
        } catch (RuntimeException e) {
            LOG.warn("uplink: health report failed: {}", e.toString());
        }
    }

    /** A new rule set runs: the retained birth must say so (checked at each health tick). */
    private void republishBirthIfVersionsChanged() {
        try {
            if (connected() && !Objects.equals(facts.ruleSetVersion(), birthRuleSetVersion)) {
                link.republishBirth();
            }
        } catch (RuntimeException e) {
            LOG.warn("uplink: policy versions unavailable: {}", e.toString());
        }
    }

    CommandInlet commands() {
        return commandInlet;
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        commandInlet.stop();
        normalizer.flushAll();
        link.stop();
        drainer.stop();
    }

    private void apply(UplinkSettings next) {
        for (String problem : normalizer.configure(next)) {
            LOG.warn("uplink: config {}: {}", MqttUplinkComponent.PID, problem);
        }
        drainer.configure(next);
        if (healthTask == null || settings == null
                || settings.healthIntervalSeconds() != next.healthIntervalSeconds()) {
            if (healthTask != null) {
                healthTask.cancel(false);
            }
            healthTask = ticker.scheduleAtFixedRate(this::reportHealth, next.healthIntervalSeconds(),
                    next.healthIntervalSeconds(), TimeUnit.SECONDS);
        }
        settings = next;
    }

    private void connect() {
        topics = resolveTopics(settings);
        if (!settings.enabled()) {
            link.disable("no brokerUrl configured (pid " + MqttUplinkComponent.PID + ")");
        } else if (topics == null) {
            link.disable("gateway not provisioned: no usable site and gatewayId (site file or uplink config)");
        } else {
            String clientId = settings.clientId().isEmpty() ? "cityedge-" + topics.gatewayId() : settings.clientId();
            link.start(settings.withClientId(clientId), topics);
        }
    }

    private Topics resolveTopics(UplinkSettings s) {
        String site = s.site().isEmpty() ? facts.site() : s.site();
        String gatewayId = s.gatewayId().isEmpty() ? facts.gatewayId() : s.gatewayId();
        if (!Topics.isLevel(site) || !Topics.isLevel(gatewayId) || Site.EMPTY.gatewayId().equals(gatewayId)) {
            return null;
        }
        return new Topics(site, gatewayId);
    }

    private void flushDueBatches() {
        try {
            normalizer.flushDue();
        } catch (RuntimeException e) {
            LOG.warn("uplink: batch flush failed: {}", e.toString());
        }
    }

    private synchronized void updateRate() {
        long now = System.nanoTime();
        long count = drainer.published();
        double seconds = (now - lastRateAt) / 1e9;
        if (seconds > 0) {
            publishRate = (count - lastPublished) / seconds;
        }
        lastPublished = count;
        lastRateAt = now;
    }

    boolean connected() {
        return link.state() == LinkState.CONNECTED;
    }
}
