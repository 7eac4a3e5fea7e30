/**
 * What a person reads: aligned tables, times, durations and sizes, and the gateway's change results printed the
 * same way by every command.
 */
package org.cityedge.cli.text;
