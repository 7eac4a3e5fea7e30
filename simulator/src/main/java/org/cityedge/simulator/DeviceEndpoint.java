package org.cityedge.simulator;

import java.net.URI;

/**
 * Where a simulated CoAP device is: the URI it is served on, or for a node that pushes, the URI it posts to.
 *
 * @param deviceId device id
 * @param uri      served URI ({@code coap://127.0.0.1:PORT}, {@code coaps://...}), or the push target; null for a
 *                 push node without a gateway
 * @param pushes   true for a node that posts its readings to the gateway
 * @param describe one line for people
 */
public record DeviceEndpoint(String deviceId, URI uri, boolean pushes, String describe) {

    @Override
    public String toString() {
        return "device " + deviceId + ": " + describe;
    }
}
