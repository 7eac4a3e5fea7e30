package org.cityedge.buffer;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletionStage;

import org.cityedge.api.uplink.BufferStatus;
import org.cityedge.api.uplink.BufferedMessage;
import org.cityedge.api.uplink.OutboundMessage;
import org.cityedge.api.uplink.Outbox;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the {@link DurableOutbox} as the gateway's {@link Outbox}. Immediate, so the store is opened (and a
 * corrupt one moved aside) at start, not when the uplink first asks. A configuration change is applied in place
 * ({@link Modified}): the store is never closed or recreated for it.
 */
@Component(service = Outbox.class, immediate = true, configurationPid = OutboxComponent.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = OutboxConfig.class)
public class OutboxComponent implements Outbox {

    static final String PID = "org.cityedge.buffer";
    static final String STATE_DIR_PROPERTY = "cityedge.state";
    private static final Logger LOG = LoggerFactory.getLogger(OutboxComponent.class);

    private DurableOutbox outbox;
    private Path stateDir;

    @Activate
    void activate(BundleContext context, OutboxConfig config) throws Exception {
        String state = context.getProperty(STATE_DIR_PROPERTY);
        stateDir = Path.of(state == null || state.isBlank() ? "state" : state);
        BufferSettings settings = settings(config);
        try {
            outbox = DurableOutbox.open(settings);
        } catch (Exception e) {
            LOG.error("buffer: cannot open {}: {}; the uplink stays down until this is fixed", settings.file(),
                    e.toString());
            throw e;
        }
    }

    @Modified
    void modified(OutboxConfig config) {
        outbox.reconfigure(settings(config));
    }

    @Deactivate
    void deactivate() {
        outbox.close();
    }

    private BufferSettings settings(OutboxConfig config) {
        Path file = config.path().isBlank() ? stateDir.resolve("buffer").resolve("outbox.db") : Path.of(config.path());
        return new BufferSettings(file, config.quotaBytes(), config.queueCapacity(), config.commitIntervalMs(),
                config.maxBatch());
    }

    @Override
    public boolean offer(OutboundMessage message) {
        return outbox.offer(message);
    }

    @Override
    public CompletionStage<Long> flush() {
        return outbox.flush();
    }

    @Override
    public List<BufferedMessage> lease(int max, long waitMillis) throws InterruptedException {
        return outbox.lease(max, waitMillis);
    }

    @Override
    public void acknowledge(long seq) {
        outbox.acknowledge(seq);
    }

    @Override
    public void rewind() {
        outbox.rewind();
    }

    @Override
    public long lastSequence() {
        return outbox.lastSequence();
    }

    @Override
    public BufferStatus status() {
        return outbox.status();
    }
}
