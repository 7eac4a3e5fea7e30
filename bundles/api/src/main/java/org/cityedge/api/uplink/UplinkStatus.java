package org.cityedge.api.uplink;

/**
 * The MQTT link's figures, for health reports and the console.
 *
 * @param state           link state
 * @param broker          broker URL configured
 * @param clientId        MQTT client id in use
 * @param problem         the last failure, for people (e.g. "broker refused: bad user name or password"); null if none
 * @param publishDenied   true while the broker denies publishing to this gateway's topics (ACL); messages are kept
 * @param connectedSince  epoch ms of the current connection, 0 when not connected
 * @param connects        successful connections since start
 * @param published       messages acknowledged by the broker since start
 * @param publishRate     messages acknowledged per second, averaged over the last health interval
 */
public record UplinkStatus(LinkState state, String broker, String clientId, String problem, boolean publishDenied,
        long connectedSince, long connects, long published, double publishRate) {
}
