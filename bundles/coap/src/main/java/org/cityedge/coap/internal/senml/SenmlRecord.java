package org.cityedge.coap.internal.senml;

/**
 * One SenML record after base-field resolution (RFC 8428 §4.6).
 *
 * @param name     resolved name (bn + n), never empty
 * @param ownName  the record's own n, empty when it had none
 * @param unit     resolved unit (u, else bu), empty when none
 * @param value    a Double (v + bv, or the sum), Boolean (vb) or String (vs, vd)
 * @param timeMs   resolved time in epoch ms; relative times already added to "now"
 * @param timed    true when the pack carried a time for this record (t or bt)
 */
public record SenmlRecord(String name, String ownName, String unit, Object value, long timeMs, boolean timed) {
}
