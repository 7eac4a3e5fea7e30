package org.cityedge.api.control;

import java.util.concurrent.CompletionStage;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Executes IOC commands. The uplink hands over each payload received on {@code cityedge/v1/{site}/{gatewayId}/cmd}
 * and publishes the reply to the request's MQTT v5 response topic (or {@code .../reply}) with its correlation data.
 * Request and reply formats: {@code docs/mqtt/cmd.schema.json} and {@code docs/mqtt/reply.schema.json}.
 */
@ProviderType
public interface CommandHandler {

    /**
     * Handles one request. Never completes exceptionally: malformed or refused requests get an error reply.
     *
     * @param payload    the request as received (may be anything, including not JSON)
     * @param receivedAt epoch milliseconds of arrival, against which the command's expiry is checked
     * @return the reply, a JSON object
     */
    CompletionStage<String> handle(byte[] payload, long receivedAt);
}
