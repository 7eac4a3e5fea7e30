package org.cityedge.simulator;

/**
 * What a pushing CoAP node did since start.
 *
 * @param sent       POSTs sent to the gateway
 * @param answered   POSTs the gateway answered with a success code (2.xx)
 * @param refused    POSTs the gateway answered with an error code (4.xx, 5.xx)
 * @param unanswered POSTs that got no answer (timeout, DTLS handshake failure, send error)
 * @param skipped    pushes a fault left out (no-answer, intermittent: the node stays silent)
 * @param lastCode   the last response code, e.g. {@code 2.04}, or null before the first answer
 */
public record PushCounters(long sent, long answered, long refused, long unanswered, long skipped, String lastCode) {

    @Override
    public String toString() {
        return "sent=" + sent + " answered=" + answered + " refused=" + refused + " unanswered=" + unanswered
                + " skipped=" + skipped + " last=" + (lastCode == null ? "-" : lastCode);
    }
}
