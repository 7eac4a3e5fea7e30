package org.cityedge.control.command;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

import org.cityedge.api.control.DimmingPlan;
import org.cityedge.api.control.DocumentVerifier;
import org.cityedge.api.control.PointControl;
import org.cityedge.api.control.PolicyDocumentHandler;
import org.cityedge.api.site.DeviceDefinition;
import org.cityedge.api.site.SiteService;
import org.cityedge.api.uplink.Outbox;
import org.cityedge.control.FieldRouter;
import org.cityedge.control.arbiter.ArbiterSettings;
import org.cityedge.control.arbiter.PointArbiter;
import org.cityedge.control.testing.DemoSite;
import org.cityedge.control.testing.FakeField;
import org.cityedge.control.testing.FakePolicyHandler;
import org.cityedge.control.testing.ManualTimers;
import org.cityedge.control.testing.MqttSchemas;
import org.cityedge.control.testing.RecordingOutbox;
import org.cityedge.control.testing.Signer;
import org.cityedge.control.trust.Ed25519Verifier;
import org.cityedge.control.trust.TrustKeys;

/**
 * The command handler on the demo site with an in-memory driver for every device, the real arbiter and verifier,
 * and time moved by hand. Every reply is checked against reply.schema.json.
 */
final class Harness implements ControlServices {

    static final long T0 = 1_800_000_000_000L;

    final ManualTimers timers = new ManualTimers(T0);
    final FakeField field;
    final RecordingOutbox outbox = new RecordingOutbox();
    final Signer ioc = new Signer();
    final FakePolicyHandler rules = new FakePolicyHandler("ruleset", "rules", 3);
    final FakePolicyHandler schedules = new FakePolicyHandler("schedule", "programs", 0);
    volatile List<PolicyDocumentHandler> handlers = List.of(rules, schedules);
    final PointArbiter arbiter;
    volatile SiteService site;
    volatile DimmingPlan plan;
    final DocumentVerifier verifier;
    CommandService service;

    Harness() {
        this(DemoSite.load());
    }

    Harness(DemoSite demo) {
        site = demo;
        field = new FakeField(demo.site().devices().stream().map(DeviceDefinition::id).collect(Collectors.toSet()));
        arbiter = new PointArbiter(new FieldRouter(() -> List.of(field)), () -> site,
                new ArbiterSettings(10_000, 3, 60_000, 5_000), timers, Runnable::run, () -> outbox);
        verifier = new Ed25519Verifier(List.of(TrustKeys.parse(ioc.publicKeyBase64())), () -> site);
        service = new CommandService(this, new MemoryJournal(1000), new CommandSettings(8 * 3600_000L, 5_000),
                timers::now);
    }

    /** Sends a request and returns the reply as published, after checking it against the schema. */
    JsonNode send(String json) {
        return send(json.getBytes(StandardCharsets.UTF_8), timers.now());
    }

    JsonNode send(byte[] payload, long receivedAt) {
        try {
            String reply = service.handle(payload, receivedAt).toCompletableFuture().get(10, TimeUnit.SECONDS);
            return MqttSchemas.assertValidReply(reply);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static Set<String> ids(JsonNode reply) {
        Set<String> ids = new java.util.TreeSet<>();
        reply.path("results").forEach(r -> ids.add(r.path("device").asText()));
        return ids;
    }

    @Override
    public SiteService site() {
        return site;
    }

    @Override
    public PointControl pointControl() {
        return arbiter;
    }

    @Override
    public FieldRouter fields() {
        return new FieldRouter(() -> List.of(field));
    }

    @Override
    public DocumentVerifier verifier() {
        return verifier;
    }

    @Override
    public DimmingPlan dimmingPlan() {
        return plan;
    }

    @Override
    public List<PolicyDocumentHandler> policyHandlers() {
        return handlers;
    }

    @Override
    public Outbox outbox() {
        return outbox;
    }
}
