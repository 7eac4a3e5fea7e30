/**
 * Device models: each simulated device's engineering values, the behaviours that make them plausible (lamps that
 * draw power as they are dimmed, sensors that follow a day curve, water that rises with rain), and the register
 * image those values are encoded into according to the device profile.
 */
package org.cityedge.simulator.model;
