/**
 * The console's live state, independent of HTTP: the recent readings of every point (a bounded
 * {@code SampleSink} store for the device table and its sparklines), the scans under way, and the lamp test that
 * dims or blinks through the point arbiter.
 */
package org.cityedge.console.live;
