package org.cityedge.cli.gateway;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A successful answer of the gateway.
 *
 * @param status HTTP status (2xx)
 * @param body   the JSON body; a missing node when the body was empty
 * @param text   the body as received
 */
public record Answer(int status, JsonNode body, String text) {
}
