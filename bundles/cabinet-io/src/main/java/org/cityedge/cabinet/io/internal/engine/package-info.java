/**
 * The cabinet I/O engine, runnable without OSGi: one thread scans the pins, debounces the inputs, publishes samples
 * (on change at once and every sample period), raises and clears the door tamper alarm, drives the status LED (whose
 * pattern another thread computes), performs verified contactor writes and reopens the pins with backoff when the
 * GPIO is unavailable, keeping the contactor at its last commanded state.
 */
package org.cityedge.cabinet.io.internal.engine;
