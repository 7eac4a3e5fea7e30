/**
 * The cabinet's pins: {@link org.cityedge.cabinet.io.internal.gpio.CabinetPins} in logical terms (door open,
 * contactor closed; polarity applied here) and its Pi4J 2 implementation with an explicitly chosen provider (gpiod,
 * linuxfs or the mock platform), because Pi4J's ServiceLoader auto-detection does not work across OSGi bundles.
 */
package org.cityedge.cabinet.io.internal.gpio;
