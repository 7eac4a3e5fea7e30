/**
 * JUnit 5 integration: {@link org.cityedge.simulator.junit.SimulatorExtension} starts a simulated site before all
 * tests of a class and stops it (socat included) after them, on free ports and a private pty directory when asked,
 * so parallel test runs never clash.
 */
package org.cityedge.simulator.junit;
