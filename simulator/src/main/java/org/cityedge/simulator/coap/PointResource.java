package org.cityedge.simulator.coap;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.cityedge.api.profile.CoapFormat;
import org.cityedge.api.profile.PointDefinition;
import org.cityedge.simulator.Fault;
import org.cityedge.simulator.SimulatedDevice;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.observe.ObserveRelation;
import org.eclipse.californium.core.server.resources.CoapExchange;

/**
 * One resource of a served device: a SenML pack of the points bound to its path, one text value, both (Accept
 * decides), or nothing (a parent on the way, 4.04). GET honours Accept; PUT writes a text value; POST writes a
 * SenML pack of writable records (LwM2M partial update). Every answer goes through the device's fault.
 */
final class PointResource extends CoapResource {

    private final String path;
    private final SimulatedDevice device;
    private final CoapStack stack;
    private final long observeNanos;
    private volatile List<PointDefinition> pack = List.of();
    private volatile CoapFormat packFormat;
    private volatile PointDefinition single;
    private double[] lastSent;
    private List<PointDefinition> lastPoints = List.of();
    private long lastNotified;

    PointResource(String name, String path, SimulatedDevice device, CoapStack stack, Duration observeInterval) {
        super(name);
        this.path = path;
        this.device = device;
        this.stack = stack;
        this.observeNanos = observeInterval.toNanos();
    }

    String path() {
        return path;
    }

    /** What this resource serves; empty lists and nulls make it a plain parent again. */
    void serve(List<PointDefinition> pack, CoapFormat packFormat, PointDefinition single) {
        this.pack = List.copyOf(pack);
        this.packFormat = packFormat;
        this.single = single;
        boolean observable = pack.stream().anyMatch(p -> p.coap().observe())
                || single != null && single.coap().observe();
        setObservable(observable);
        getAttributes().clearObservable();
        if (observable) {
            getAttributes().setObservable();
        }
        if (packFormat != null) {
            getAttributes().addContentType(packFormat.contentFormat());
        }
    }

    /** Notifies observers when a value they saw changed, at most once an observe interval. */
    synchronized void notifyIfChanged() {
        if (!isObservable() || getObserverCount() == 0 || lastSent == null) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastNotified >= observeNanos && !Arrays.equals(lastSent, snapshotOf(lastPoints))) {
            lastNotified = now;
            changed();
        }
    }

    @Override
    public void handleGET(CoapExchange exchange) {
        ObserveRelation relation = exchange.advanced().getRelation();
        boolean notification = relation != null && relation.isEstablished();
        Fault fault = notification ? quietFault() : device.admit();
        if (fault == null) {
            return;   // offline: the client times out
        }
        int accept = exchange.getRequestOptions().hasAccept() ? exchange.getRequestOptions().getAccept() : -1;
        Answer a = read(accept);
        answer(exchange, a, fault, !notification);
    }

    @Override
    public void handlePUT(CoapExchange exchange) {
        Fault fault = device.admit();
        if (fault == null) {
            return;
        }
        answer(exchange, put(exchange), fault, true);
    }

    @Override
    public void handlePOST(CoapExchange exchange) {
        Fault fault = device.admit();
        if (fault == null) {
            return;
        }
        answer(exchange, post(exchange), fault, true);
    }

    @Override
    public void handleDELETE(CoapExchange exchange) {
        Fault fault = device.admit();
        if (fault != null) {
            answer(exchange, Answer.error(ResponseCode.METHOD_NOT_ALLOWED, "DELETE is not supported"), fault, true);
        }
    }

    /** Notifications skip counting, but an offline device sends none either. */
    private Fault quietFault() {
        Fault f = device.fault();
        return f instanceof Fault.NoAnswer || f instanceof Fault.Intermittent ? null : f;
    }

    private synchronized Answer read(int accept) {
        List<PointDefinition> points = pack;
        PointDefinition one = single;
        CoapFormat format = packFormat;
        boolean wantsText = accept == MediaTypeRegistry.TEXT_PLAIN;
        if (one != null && (wantsText || points.isEmpty() && accept == -1)) {
            lastPoints = List.of(one);
            lastSent = snapshotOf(lastPoints);
            return new Answer(ResponseCode.CONTENT, CoapValues.text(one, device.value(one.name()))
                    .getBytes(StandardCharsets.UTF_8), MediaTypeRegistry.TEXT_PLAIN);
        }
        if (points.isEmpty()) {
            return one != null ? Answer.error(ResponseCode.NOT_ACCEPTABLE, "text/plain only")
                    : Answer.error(ResponseCode.NOT_FOUND, "no resource " + path);
        }
        if (accept == CoapFormat.SENML_JSON.contentFormat()) {
            format = CoapFormat.SENML_JSON;
        } else if (accept == CoapFormat.SENML_CBOR.contentFormat()) {
            format = CoapFormat.SENML_CBOR;
        } else if (accept != -1) {
            return Answer.error(ResponseCode.NOT_ACCEPTABLE, "SenML JSON (110) or CBOR (112)");
        }
        lastPoints = points;
        lastSent = snapshotOf(points);
        return new Answer(ResponseCode.CONTENT, Senml.encode(format, path + "/", entries(device, points, null)),
                format.contentFormat());
    }

    private double[] snapshotOf(List<PointDefinition> points) {
        double[] v = new double[points.size()];
        for (int i = 0; i < v.length; i++) {
            Object w = CoapValues.wire(points.get(i), device.value(points.get(i).name()));
            v[i] = w instanceof Boolean b ? (b ? 1 : 0) : ((Number) w).doubleValue();
        }
        return v;
    }

    /** SenML records of {@code points}, named by their binding (or the path for a text binding). */
    static List<Senml.Entry> entries(SimulatedDevice device, List<PointDefinition> points, Double time) {
        List<Senml.Entry> out = new ArrayList<>();
        for (PointDefinition p : points) {
            String name = p.coap().name() != null ? p.coap().name() : p.coap().path();
            out.add(new Senml.Entry(name, p.unit(), CoapValues.wire(p, device.value(p.name())), time));
        }
        return out;
    }

    private Answer put(CoapExchange exchange) {
        PointDefinition one = single;
        if (one == null) {
            return pack.isEmpty() ? Answer.error(ResponseCode.NOT_FOUND, "no resource " + path)
                    : Answer.error(ResponseCode.METHOD_NOT_ALLOWED, "PUT a single resource; POST SenML here");
        }
        int cf = exchange.getRequestOptions().getContentFormat();
        if (cf != MediaTypeRegistry.UNDEFINED && cf != MediaTypeRegistry.TEXT_PLAIN) {
            return Answer.error(ResponseCode.UNSUPPORTED_CONTENT_FORMAT, "text/plain only");
        }
        try {
            return write(Map.of(one, CoapValues.fromText(one, exchange.getRequestText())));
        } catch (IllegalArgumentException e) {
            return Answer.error(ResponseCode.BAD_REQUEST, e.getMessage());
        }
    }

    private Answer post(CoapExchange exchange) {
        List<PointDefinition> points = pack;
        if (points.isEmpty()) {
            return Answer.error(single != null ? ResponseCode.METHOD_NOT_ALLOWED : ResponseCode.NOT_FOUND,
                    single != null ? "PUT text here" : "no resource " + path);
        }
        int cf = exchange.getRequestOptions().getContentFormat();
        CoapFormat format = cf == CoapFormat.SENML_JSON.contentFormat() ? CoapFormat.SENML_JSON
                : cf == CoapFormat.SENML_CBOR.contentFormat() ? CoapFormat.SENML_CBOR : null;
        if (format == null) {
            return Answer.error(ResponseCode.UNSUPPORTED_CONTENT_FORMAT, "SenML JSON (110) or CBOR (112)");
        }
        Map<PointDefinition, Double> writes = new LinkedHashMap<>();
        try {
            List<Senml.Entry> records = Senml.decode(format, exchange.getRequestPayload());
            if (records.isEmpty()) {
                return Answer.error(ResponseCode.BAD_REQUEST, "empty pack");
            }
            for (Senml.Entry r : records) {
                PointDefinition p = points.stream().filter(x -> r.name().equals(x.coap().name())
                        || r.name().equals(path + "/" + x.coap().name())).findFirst().orElse(null);
                if (p == null) {
                    return Answer.error(ResponseCode.NOT_FOUND, "no resource " + r.name());
                }
                writes.put(p, CoapValues.fromWire(p, r.value()));
            }
        } catch (IllegalArgumentException e) {
            return Answer.error(ResponseCode.BAD_REQUEST, e.getMessage());
        }
        return write(writes);
    }

    /** Checks every write first, then applies them: a refused write changes nothing. */
    private Answer write(Map<PointDefinition, Double> writes) {
        for (Map.Entry<PointDefinition, Double> w : writes.entrySet()) {
            if (!w.getKey().writable()) {
                return Answer.error(ResponseCode.METHOD_NOT_ALLOWED, w.getKey().coap().name() == null ? path
                        : w.getKey().coap().name() + " is read-only");
            }
            if (!CoapValues.acceptable(w.getKey(), w.getValue())) {
                return Answer.error(ResponseCode.BAD_REQUEST, w.getValue() + " is outside the range of "
                        + w.getKey().name());
            }
        }
        try {
            writes.forEach((p, v) -> device.set(p.name(), v));
        } catch (IllegalArgumentException e) {
            return Answer.error(ResponseCode.BAD_REQUEST, e.getMessage());
        }
        return new Answer(ResponseCode.CHANGED, null, MediaTypeRegistry.UNDEFINED);
    }

    /** Sends {@code a} as the fault says: now, later (slow), as 5.00 (exception), or with a mangled payload. */
    private void answer(CoapExchange exchange, Answer a, Fault fault, boolean count) {
        Answer out = a;
        boolean mangled = false;
        if (fault instanceof Fault.ExceptionReply) {
            out = Answer.error(ResponseCode.INTERNAL_SERVER_ERROR, "device fault");
        } else if ((fault instanceof Fault.Truncated || fault instanceof Fault.CorruptCrc) && a.payload() != null) {
            byte[] p = fault instanceof Fault.Truncated ? Arrays.copyOf(a.payload(), a.payload().length / 2)
                    : a.payload().clone();
            if (fault instanceof Fault.CorruptCrc) {
                for (int i = 0; i < p.length; i++) {
                    p[i] ^= (byte) 0xFF;
                }
            }
            out = new Answer(a.code(), p, a.contentFormat());
            mangled = true;
        }
        if (count) {
            device.countAnswer(out.code().isSuccess(), mangled);
        }
        Answer send = out;
        if (fault instanceof Fault.Slow s && s.delayMs() > 0) {
            stack.main().schedule(() -> send.to(exchange), s.delayMs(), TimeUnit.MILLISECONDS);
        } else {
            send.to(exchange);
        }
    }

    /** A response to send. */
    private record Answer(ResponseCode code, byte[] payload, int contentFormat) {

        static Answer error(ResponseCode code, String diagnostic) {
            return new Answer(code, diagnostic.getBytes(StandardCharsets.UTF_8), MediaTypeRegistry.TEXT_PLAIN);
        }

        void to(CoapExchange exchange) {
            if (payload == null) {
                exchange.respond(code);
            } else {
                exchange.respond(code, payload, contentFormat);
            }
        }
    }
}
