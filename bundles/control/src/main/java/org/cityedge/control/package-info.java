/**
 * The gateway's control path, private to this bundle.
 *
 * <ul>
 * <li>{@link org.cityedge.control.arbiter}: the {@code PointControl} arbiter. Per device and point the live claim of
 * the highest source wins (IOC override over local rules over the dimming schedule over the device's own default);
 * its value is written with read-back when it changes, when a claim expires, and when the device drifts from it.</li>
 * <li>{@link org.cityedge.control.command}: the {@code CommandHandler} for IOC commands over MQTT: JSON Schema and
 * profile validation, idempotency through a durable journal, expiry, replies per device.</li>
 * <li>{@link org.cityedge.control.trust}: the {@code DocumentVerifier}: Ed25519 signatures of rule sets and
 * schedules by the IOC's key.</li>
 * </ul>
 *
 * Classes here are shared by those packages: driver routing, value comparison and timers.
 */
package org.cityedge.control;
