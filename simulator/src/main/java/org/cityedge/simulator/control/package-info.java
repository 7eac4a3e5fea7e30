/**
 * The simulator's line-based control socket on 127.0.0.1: switch faults, fail lamps, read and set point values and
 * read counters while the simulator runs, from a shell ({@code nc 127.0.0.1 PORT}) or a test. Every line gets one
 * line back, {@code ok ...} or {@code error <reason>}.
 */
package org.cityedge.simulator.control;
