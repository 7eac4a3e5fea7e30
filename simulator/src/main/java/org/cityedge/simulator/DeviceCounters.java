package org.cityedge.simulator;

/**
 * A device's transaction counts since start.
 *
 * @param requests   requests addressed to it
 * @param replies    normal replies sent
 * @param exceptions exception replies sent
 * @param silenced   requests left unanswered by a fault
 * @param mangled    replies mangled by a fault (corrupt CRC, truncated)
 */
public record DeviceCounters(long requests, long replies, long exceptions, long silenced, long mangled) {

    @Override
    public String toString() {
        return "requests=" + requests + " replies=" + replies + " exceptions=" + exceptions + " silenced=" + silenced
                + " mangled=" + mangled;
    }
}
