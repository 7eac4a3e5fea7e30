/**
 * The cityedge hardware simulator: serves every bus of a site file (Modbus TCP, Modbus RTU over TCP, Modbus RTU on
 * a socat pty pair at the serial port path the site names) and every CoAP device (served, or pushing to the gateway)
 * with plausible devices built from their profiles, and injects faults on demand. Use {@link org.cityedge.simulator.Simulator} from Java, {@link org.cityedge.simulator.Main}
 * from the command line, and {@code org.cityedge.simulator.junit.SimulatorExtension} from JUnit 5 tests.
 */
package org.cityedge.simulator;
