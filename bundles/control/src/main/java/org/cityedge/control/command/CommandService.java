package org.cityedge.control.command;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.cityedge.api.control.CommandHandler;
import org.cityedge.api.control.DimmingPlan;
import org.cityedge.api.control.PointClaim;
import org.cityedge.api.control.PointControl;
import org.cityedge.api.site.DeviceDefinition;
import org.cityedge.api.site.SiteService;
import org.cityedge.control.Json;
import org.cityedge.control.Values;
import org.cityedge.control.command.CommandSchema.Failure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The command handler, usable without OSGi. Order of checks: JSON, a repeated id (answered from the journal, never
 * run again), the schema, expiry, then the action's own checks of targets and values against the site and the
 * profiles, all before anything is done. A command with an id is journalled before it runs and its reply after, so
 * a repeat after a restart is recognised too; one that was running when the gateway stopped is answered
 * {@code interrupted}.
 */
public final class CommandService implements CommandHandler, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CommandService.class);
    private static final int MAX_LISTED_FAILURES = 5;

    private final ControlServices services;
    private final CommandJournal journal;
    private final OverrideStore overrides;
    private final LongSupplier clock;
    private final Executor journalling;
    private final CommandSchema schema = new CommandSchema();
    private final CommandCounters counters = new CommandCounters();
    private final ConcurrentHashMap<String, CompletableFuture<String>> running = new ConcurrentHashMap<>();
    private volatile CommandSettings settings;

    CommandService(ControlServices services, CommandJournal journal, CommandSettings settings, LongSupplier clock) {
        this(services, journal, OverrideStore.NONE, settings, clock);
    }

    CommandService(ControlServices services, CommandJournal journal, OverrideStore overrides,
            CommandSettings settings, LongSupplier clock) {
        this(services, journal, overrides, settings, clock, Runnable::run);
    }

    /**
     * @param journalling where a reply is journalled: a command ends when its last write does, on whatever thread
     *        completed it (a driver's bus thread), which must not wait for a flush to flash
     */
    CommandService(ControlServices services, CommandJournal journal, OverrideStore overrides,
            CommandSettings settings, LongSupplier clock, Executor journalling) {
        this.services = services;
        this.journal = journal;
        this.overrides = overrides;
        this.settings = settings;
        this.clock = clock;
        this.journalling = task -> {
            try {
                journalling.execute(task);
            } catch (RejectedExecutionException stopped) { // stopping: journal here rather than never answer
                task.run();
            }
        };
    }

    void reconfigure(CommandSettings next) {
        settings = next;
    }

    CommandCounters counters() {
        return counters;
    }

    @Override
    public void close() {
        journal.close();
        overrides.close();
    }

    /** Places again the IOC overrides that were in force when the gateway stopped and have not ended since. */
    void restoreOverrides(PointControl control) {
        List<PointClaim> live = overrides.live(clock.getAsLong());
        for (PointClaim c : live) {
            control.claim(c).whenComplete((r, e) -> {
                if (e != null || !r.ok()) {
                    LOG.warn("control: IOC override {} of {}.{} restored, its write failed: {}", c.owner(),
                            c.deviceId(), c.point(), e != null ? e.toString() : r.write().error());
                }
            });
        }
        if (!live.isEmpty()) {
            LOG.info("control: {} IOC override(s) in force before the restart placed again", live.size());
        }
    }

    @Override
    public CompletionStage<String> handle(byte[] payload, long receivedAt) {
        counters.received.incrementAndGet();
        JsonNode request;
        try {
            request = parse(payload);
        } catch (CommandRefused r) {
            return CompletableFuture.completedFuture(refuse(null, null, r));
        }
        String id = request.path("id").isTextual() && !request.get("id").asText().isEmpty()
                ? request.get("id").asText() : null;
        if (id == null) { // nothing to journal a reply under; the schema says what is wrong
            return runChecked(null, request, receivedAt);
        }
        return runOnce(id, request, receivedAt);
    }

    /** Runs a command with an id unless it ran (or runs) already; its reply is journalled. */
    private CompletableFuture<String> runOnce(String id, JsonNode request, long receivedAt) {
        CompletableFuture<String> mine = new CompletableFuture<>();
        CompletableFuture<String> earlier = running.putIfAbsent(id, mine);
        if (earlier != null) {
            counters.repeated.incrementAndGet();
            return earlier.thenApply(Reply::repeated);
        }
        try {
            Optional<CommandJournal.Entry> seen = journal.find(id);
            if (seen.isPresent()) {
                counters.repeated.incrementAndGet();
                String first = seen.get().reply() != null ? seen.get().reply() : interrupted(id, seen.get());
                running.remove(id);
                mine.complete(Reply.repeated(first));
                return mine;
            }
            journal.begin(id, receivedAt);
        } catch (RuntimeException e) {
            // without the journal, repeats after a restart are not caught: run anyway, and say so in the log
            LOG.error("control: command journal unavailable ({}); command {} runs without repeat protection",
                    e.getMessage(), id);
        }
        runChecked(id, request, receivedAt).whenCompleteAsync((reply, e) -> {
            String r = reply != null ? reply : internalError(id, e);
            try {
                journal.complete(id, receivedAt, r);
            } catch (RuntimeException je) {
                LOG.error("control: cannot journal the reply of command {}: {}", id, je.getMessage());
            }
            running.remove(id);
            mine.complete(r);
        }, journalling);
        return mine;
    }

    private static JsonNode parse(byte[] payload) throws CommandRefused {
        JsonNode node;
        try {
            node = payload == null ? null : Json.MAPPER.readTree(payload);
        } catch (JsonProcessingException e) {
            throw new CommandRefused("malformed-json", "the command is not valid JSON: " + e.getOriginalMessage()
                    + " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
        } catch (IOException e) {
            throw new CommandRefused("malformed-json", "the command cannot be read: " + e.getMessage());
        }
        if (node == null || node.isMissingNode()) {
            throw new CommandRefused("malformed-json", "the command is empty; a JSON object is expected");
        }
        if (!node.isObject()) {
            throw new CommandRefused("malformed-json", "the command must be a JSON object, not a "
                    + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
        }
        return node;
    }

    /** Runs the request; a refusal becomes an error reply. Never completes exceptionally. */
    private CompletableFuture<String> runChecked(String id, JsonNode request, long receivedAt) {
        Action action = actionOf(request);
        try {
            return run(id, request, receivedAt).thenApply(reply -> {
                counters.concluded(reply.path("status").asText());
                return Json.text(reply);
            }).exceptionally(e -> internalError(id, e));
        } catch (CommandRefused r) {
            if (PolicyCommand.carriesDocument(request) && id != null) {
                RefusalEvents.report(services.outbox(), services.site(), action == null ? null
                        : action.documentType, id, r, clock.getAsLong());
            }
            return CompletableFuture.completedFuture(refuse(id, action, r));
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(internalError(id, e));
        }
    }

    private CompletableFuture<ObjectNode> run(String id, JsonNode request, long receivedAt) throws CommandRefused {
        List<Failure> failures = schema.validate(request);
        if (!failures.isEmpty()) {
            throw schemaRefusal(request, failures);
        }
        CommandRequest req = CommandRequest.from(request);
        if (req.expiresAt() != null && receivedAt > req.expiresAt()) {
            throw new CommandRefused("expired", "expiresAt " + Instant.ofEpochMilli(req.expiresAt())
                    + " had passed when the command arrived at " + Instant.ofEpochMilli(receivedAt)
                    + "; nothing was done", "/expiresAt");
        }
        ObjectNode reply = Reply.start(id, req.action());
        CommandSettings s = settings;
        return switch (req.action()) {
            case DIM, SWITCH, OVERRIDE -> {
                SiteService site = Targets.requireSite(services.site());
                WriteCommand.Plan plan = WriteCommand.plan(site, req);
                long duration = req.durationS() != null ? req.durationS() * 1000 : s.defaultOverrideMs();
                long until = clock.getAsLong() + duration;
                if (!plan.skipped().isEmpty()) {
                    plan.skipped().forEach(reply.putArray("skipped")::add);
                }
                yield WriteCommand.execute(control(), overrides, plan, id, until, s.deviceTimeoutMs())
                        .thenApply(results -> Reply.conclude(reply, results));
            }
            case RESUME -> {
                List<DeviceDefinition> devices = Targets.resolve(Targets.requireSite(services.site()), req.target());
                yield CompletableFuture.completedFuture(Reply.conclude(reply, WriteCommand.resume(control(),
                        overrides, devices)));
            }
            case READ -> {
                List<DeviceDefinition> devices = Targets.resolve(Targets.requireSite(services.site()), req.target());
                yield ReadCommand.execute(services.fields(), devices, s.deviceTimeoutMs())
                        .thenApply(results -> Reply.conclude(reply, results));
            }
            case STATUS -> {
                SiteService site = services.site();
                List<DeviceDefinition> devices = req.target() != null ? Targets.resolve(Targets.requireSite(site),
                        req.target()) : site == null ? List.of() : site.site().devices();
                reply.set("data", Reports.status(services, devices, counters, journal.size()));
                yield CompletableFuture.completedFuture(reply);
            }
            case CONFIG -> {
                reply.set("data", Reports.config(Targets.requireSite(services.site())));
                yield CompletableFuture.completedFuture(reply);
            }
            case PLAN -> {
                DimmingPlan plan = services.dimmingPlan();
                if (plan == null) {
                    throw new CommandRefused("unavailable", "no dimming schedule runs on this gateway; there is no"
                            + " plan to show", null);
                }
                List<DeviceDefinition> devices = req.target() == null ? null
                        : Targets.resolve(Targets.requireSite(services.site()), req.target());
                reply.set("data", Reports.plan(plan, clock.getAsLong(), request.path("hours").asInt(24), devices));
                yield CompletableFuture.completedFuture(reply);
            }
            case PUSH_RULES, SET_SCHEDULE -> {
                reply.set("data", PolicyCommand.install(services, req));
                yield CompletableFuture.completedFuture(reply);
            }
        };
    }

    private PointControl control() throws CommandRefused {
        PointControl control = services.pointControl();
        if (control == null) {
            throw new CommandRefused("unavailable", "the gateway's point control is not running; nothing was done");
        }
        return control;
    }

    /** Schema failures; those of a signed document's envelope mean it is unsigned or its envelope is broken. */
    private static CommandRefused schemaRefusal(JsonNode request, List<Failure> failures) {
        String listed = failures.stream().limit(MAX_LISTED_FAILURES).map(Failure::toString)
                .collect(Collectors.joining("; "));
        if (failures.size() > MAX_LISTED_FAILURES) {
            listed += "; and " + (failures.size() - MAX_LISTED_FAILURES) + " more";
        }
        String field = failures.get(0).field();
        if (PolicyCommand.carriesDocument(request) && field.startsWith("/envelope")) {
            return new CommandRefused("invalid-envelope", "the document is not signed, or its envelope is"
                    + " malformed: " + listed, field);
        }
        return new CommandRefused("schema-violation", listed, field.isEmpty() ? null : field);
    }

    private static Action actionOf(JsonNode request) {
        try {
            return Action.of(request.path("action").asText(""));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private String refuse(String id, Action action, CommandRefused r) {
        counters.refused(r.code());
        LOG.info("control: command {} refused ({}): {}", id, r.code(), r.getMessage());
        return Json.text(Reply.refused(id, action, r));
    }

    private String interrupted(String id, CommandJournal.Entry entry) {
        CommandRefused r = new CommandRefused("interrupted", "the gateway stopped while this command ran (received "
                + Instant.ofEpochMilli(entry.receivedAt()) + "); its outcome is unknown and it is not run again."
                + " Send a new command with a new id to retry");
        String reply = Json.text(Reply.refused(id, null, r));
        try {
            journal.complete(id, entry.receivedAt(), reply);
        } catch (RuntimeException e) {
            LOG.warn("control: cannot journal the reply of command {}: {}", id, e.getMessage());
        }
        return reply;
    }

    private String internalError(String id, Throwable e) {
        LOG.error("control: command {} failed inside the gateway", id, e);
        counters.refused("internal-error");
        return Json.text(Reply.refused(id, null, new CommandRefused("internal-error",
                "the gateway could not complete the command: " + Values.rootMessage(e))));
    }
}
