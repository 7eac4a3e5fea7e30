package org.cityedge.uplink.mqtt;

import java.nio.charset.StandardCharsets;

/**
 * Completes a buffered payload for publishing: {@code gatewayId} and {@code seq} go in front of the stored JSON
 * object. They are added here, not when the message is buffered, because the sequence number only exists once the
 * message is durable, and the gateway id may be set (provisioning) after data was buffered.
 */
final class Envelope {

    private Envelope() {
    }

    static byte[] wrap(String gatewayId, long seq, String body) {
        StringBuilder out = new StringBuilder(body.length() + gatewayId.length() + 40).append('{');
        Json.field(out, "gatewayId");
        Json.string(out, gatewayId).append(",\"seq\":").append(seq);
        if (body.length() > 2) {
            out.append(',').append(body, 1, body.length());
        } else {
            out.append('}');
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
