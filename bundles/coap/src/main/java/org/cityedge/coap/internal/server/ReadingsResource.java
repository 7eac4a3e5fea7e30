package org.cityedge.coap.internal.server;

import java.security.Principal;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

import org.cityedge.api.model.Sample;
import org.cityedge.api.profile.PointDefinition;
import org.cityedge.coap.internal.codec.PackMatcher;
import org.cityedge.coap.internal.senml.SenmlCodec;
import org.cityedge.coap.internal.senml.SenmlException;
import org.cityedge.coap.internal.senml.SenmlRecord;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.eclipse.californium.core.server.resources.Resource;
import org.eclipse.californium.elements.auth.PreSharedKeyIdentity;

/**
 * {@code /readings/{deviceId}}: POST or PUT of a SenML pack (JSON 110 or CBOR 112). The resource answers for every
 * child path itself, so nodes need not be registered as resources.
 */
final class ReadingsResource extends CoapResource {

    private final Function<String, PushNode> nodes;
    private final Predicate<String> hasKey;
    private final Consumer<List<Sample>> publisher;
    private final ServerCounters counters;
    private final SenmlCodec senml;
    private final int maxPayloadBytes;
    private final boolean allowPlain;

    /** @param hasKey whether a device id has a pre-shared key: such a device must post over DTLS as itself */
    ReadingsResource(Function<String, PushNode> nodes, Predicate<String> hasKey, Consumer<List<Sample>> publisher,
            ServerCounters counters, SenmlCodec senml, int maxPayloadBytes, boolean allowPlain) {
        super("readings");
        this.nodes = nodes;
        this.hasKey = hasKey;
        this.publisher = publisher;
        this.counters = counters;
        this.senml = senml;
        this.maxPayloadBytes = maxPayloadBytes;
        this.allowPlain = allowPlain;
    }

    @Override
    public Resource getChild(String name) {
        return this;
    }

    @Override
    public void handlePOST(CoapExchange exchange) {
        accept(exchange);
    }

    @Override
    public void handlePUT(CoapExchange exchange) {
        accept(exchange);
    }

    private void accept(CoapExchange exchange) {
        List<String> path = exchange.getRequestOptions().getUriPath();
        if (path.size() != 2) {
            refuseUnknown(exchange, "badPath", "use /readings/{deviceId}, not /" + String.join("/", path));
            return;
        }
        String id = path.get(1);
        // authenticate before looking the node up: a peer may not learn which ids exist (4.03 vs 4.04)
        PushNode node = nodes.apply(id);
        Principal peer = exchange.advanced().getRequest().getSourceContext().getPeerIdentity();
        if (peer != null && !(peer instanceof PreSharedKeyIdentity psk && id.equals(psk.getIdentity()))) {
            refuse(exchange, node, ResponseCode.FORBIDDEN, "identityMismatch",
                    "DTLS identity " + peer.getName() + " may not post for " + id);
            return;
        }
        if (peer == null && hasKey.test(id)) {
            // a keyed device is authenticated by its key, so plain CoAP could be anyone: allowPlain does not help
            refuse(exchange, node, ResponseCode.FORBIDDEN, "dtlsRequired",
                    id + " has a pre-shared key: post over DTLS (coaps://) with PSK identity " + id);
            return;
        }
        if (peer == null && !allowPlain) {
            refuse(exchange, node, ResponseCode.FORBIDDEN, "plainRefused", "plain CoAP is not allowed");
            return;
        }
        if (node == null) {
            refuseUnknown(exchange, "unknownNode", "no push node " + id + " in the site");
            return;
        }
        if (exchange.getRequestPayloadSize() > maxPayloadBytes) {
            refuse(exchange, node, ResponseCode.REQUEST_ENTITY_TOO_LARGE, "tooLarge",
                    exchange.getRequestPayloadSize() + " bytes, at most " + maxPayloadBytes);
            return;
        }
        int cf = exchange.getRequestOptions().getContentFormat();
        if (cf != MediaTypeRegistry.APPLICATION_SENML_JSON && cf != MediaTypeRegistry.APPLICATION_SENML_CBOR) {
            refuse(exchange, node, ResponseCode.UNSUPPORTED_CONTENT_FORMAT, "badFormat",
                    "Content-Format " + cf + "; send SenML JSON (110) or SenML CBOR (112)");
            return;
        }
        long now = System.currentTimeMillis();
        List<SenmlRecord> records;
        try {
            byte[] payload = exchange.getRequestPayload();
            records = cf == MediaTypeRegistry.APPLICATION_SENML_JSON ? senml.decodeJson(payload, now)
                    : senml.decodeCbor(payload, now);
        } catch (SenmlException e) {
            refuse(exchange, node, ResponseCode.BAD_REQUEST, "badPayload", "malformed SenML: " + e.getMessage());
            return;
        }
        PackMatcher.Match match = PackMatcher.match(id, node.points(), records);
        if (match.matched().isEmpty()) {
            refuse(exchange, node, ResponseCode.BAD_REQUEST, "noPoint", "no record names a point of profile "
                    + node.profileId() + ", expected names like " + expectedNames(node.points()));
            return;
        }
        for (int i = 0; i < match.ignored(); i++) {
            node.status().count("ignoredRecords");
        }
        node.status().answered(0, now);
        counters.accepted.increment();
        publisher.accept(match.samples());
        exchange.respond(ResponseCode.CHANGED);
    }

    private static String expectedNames(List<PointDefinition> points) {
        return points.stream().filter(p -> p.coap() != null && p.coap().name() != null).limit(3)
                .map(p -> p.coap().name()).toList().toString();
    }

    /** Counts in the node's health, or with the unknown senders when {@code node} is null. */
    private void refuse(CoapExchange exchange, PushNode node, ResponseCode code, String reason, String detail) {
        if (node == null) {
            counters.refusedUnknown(reason, detail);
        } else {
            node.status().count(reason);
            counters.logThrottled(node.deviceId(), reason, detail);
        }
        exchange.respond(code, detail, MediaTypeRegistry.TEXT_PLAIN);
    }

    private void refuseUnknown(CoapExchange exchange, String reason, String detail) {
        refuse(exchange, null, ResponseCode.NOT_FOUND, reason, detail);
    }
}
