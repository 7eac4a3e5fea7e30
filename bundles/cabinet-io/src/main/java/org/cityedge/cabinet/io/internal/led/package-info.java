/**
 * The cabinet's status LED: which pattern the gateway's state calls for
 * ({@link org.cityedge.cabinet.io.internal.led.LedPattern#select}, a pure function) and whether the LED is lit at a
 * given moment of that pattern. The table for technicians is in the bundle's README.
 */
package org.cityedge.cabinet.io.internal.led;
