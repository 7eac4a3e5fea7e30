/**
 * Where the console listens: the first IPv4 address of the configured network interface, written into the Felix
 * HTTP (Jetty) configuration only when it changes; when it listens (on demand or always); and the URL file that tells
 * the CLI on the gateway where that is. Nothing listens on all interfaces.
 */
package org.cityedge.console.net;
