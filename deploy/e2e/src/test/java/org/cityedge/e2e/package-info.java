/**
 * End-to-end tests of the real gateway process, seen from the IOC.
 *
 * <p>Each test class runs the runnable distribution ({@code deploy/target/gateway.jar}) as a child JVM with the
 * launcher's flags, a real Mosquitto on a free loopback port with persistence, the hardware simulator (in-process,
 * {@code SimulatorExtension}) serving a small site of {@code src/test/resources/sites}, and an IOC-side Paho MQTT v5
 * subscriber with a persistent session that validates every message against the JSON Schemas of {@code docs/mqtt}.
 *
 * <p>Decisions: the gateway is a process, not an in-JVM framework, so that SIGTERM, kill -9 and the state directory
 * behave as on a cabinet; waits are bounded and poll for a condition (never a fixed sleep standing in for one), and no
 * test asserts a wall-clock upper limit, so a busy CI machine makes them slower, not red. Everything started is
 * stopped in {@code finally} / {@code close()}, gateway first, broker last.
 */
package org.cityedge.e2e;
