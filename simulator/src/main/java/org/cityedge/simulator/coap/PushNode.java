package org.cityedge.simulator.coap;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.cityedge.api.profile.CoapFormat;
import org.cityedge.api.profile.PointDefinition;
import org.cityedge.simulator.Fault;
import org.cityedge.simulator.SimulatedDevice;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MessageObserverAdapter;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A sleeping node that pushes: every interval it POSTs a SenML pack of all its points (the format of its bindings,
 * each record stamped with simulation time) to {@code <gateway>/readings/<deviceId>}, over DTLS with its own PSK
 * identity when the gateway URI is coaps. Faults: no-answer and intermittent skip a push, slow delays it, truncated
 * and corrupt-crc mangle the payload.
 */
public final class PushNode implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PushNode.class);

    private final SimulatedDevice device;
    private final CoapStack stack;
    private final URI target;
    private final byte[] key;
    private final Duration interval;
    private final CoapFormat format;
    private final List<PointDefinition> points;
    private volatile CoapEndpoint endpoint;
    private ScheduledFuture<?> schedule;

    /**
     * @param gateway the gateway's CoAP server, e.g. {@code coaps://127.0.0.1:5684}
     * @param key     the device's PSK (required for coaps), or null
     */
    public PushNode(SimulatedDevice device, CoapStack stack, URI gateway, byte[] key, Duration interval) {
        this.device = device;
        this.stack = stack;
        this.target = target(gateway, device.id());
        this.key = key == null ? null : key.clone();
        this.interval = interval;
        this.points = device.profile().points().stream().filter(p -> p.coap() != null).toList();
        this.format = points.stream().map(p -> p.coap().format()).filter(f -> f != CoapFormat.TEXT).findFirst()
                .orElse(CoapFormat.SENML_CBOR);
        if ("coaps".equals(target.getScheme()) && key == null) {
            throw new IllegalArgumentException("device " + device.id() + " has no PSK for " + gateway);
        }
    }

    /** {@code <gateway>/readings/<deviceId>}. */
    public static URI target(URI gateway, String deviceId) {
        String base = gateway.toString();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/readings/"
                + deviceId);
    }

    public URI target() {
        return target;
    }

    public CoapFormat format() {
        return format;
    }

    /** Opens the client endpoint and pushes every interval, the first time after {@code firstDelay}. */
    public void start(Duration firstDelay) throws IOException {
        endpoint = "coaps".equals(target.getScheme()) ? stack.dtlsClient(device.id(), key)
                : stack.plain(new java.net.InetSocketAddress("127.0.0.1", 0));
        endpoint.setExecutors(stack.main(), stack.secondary());
        endpoint.start();
        schedule = stack.main().scheduleAtFixedRate(this::pushSafely, firstDelay.toNanos(), interval.toNanos(),
                TimeUnit.NANOSECONDS);
    }

    private void pushSafely() {
        try {
            push();
        } catch (RuntimeException e) {
            LOG.warn("device {}: push failed: {}", device.id(), e.toString());   // keep the schedule alive
        }
    }

    /** Sends one pack now (under the device's fault). */
    public void push() {
        Fault fault = device.admit();
        if (fault == null) {
            device.countPushSkipped();
            return;
        }
        double time = device.model().now().toInstant().toEpochMilli() / 1000.0;
        byte[] payload = Senml.encode(format, null, PointResource.entries(device, points, time));
        if (fault instanceof Fault.Truncated) {
            payload = Arrays.copyOf(payload, payload.length / 2);
        } else if (fault instanceof Fault.CorruptCrc) {
            for (int i = 0; i < payload.length; i++) {
                payload[i] ^= (byte) 0xFF;
            }
        }
        Request request = Request.newPost();
        request.setURI(target);
        request.setPayload(payload);
        request.getOptions().setContentFormat(format.contentFormat());
        request.addMessageObserver(new MessageObserverAdapter() {
            @Override
            public void onResponse(Response response) {
                ResponseCode c = response.getCode();
                device.countPushOutcome(c.codeClass + "." + String.format("%02d", c.codeDetail), c.isSuccess());
            }

            @Override
            protected void failed() {
                device.countPushOutcome(null, false);
            }
        });
        if (fault instanceof Fault.Slow s && s.delayMs() > 0) {
            stack.main().schedule(() -> send(request), s.delayMs(), TimeUnit.MILLISECONDS);
        } else {
            send(request);
        }
    }

    private void send(Request request) {
        CoapEndpoint open = endpoint;
        if (open == null) {
            return; // closed while a slow push waited
        }
        device.countPushSent();
        open.sendRequest(request);
    }

    /** Stops pushing and closes the endpoint. Idempotent. */
    @Override
    public void close() {
        if (schedule != null) {
            schedule.cancel(false);
            schedule = null;
        }
        if (endpoint != null) {
            endpoint.destroy();
            endpoint = null;
        }
    }
}
