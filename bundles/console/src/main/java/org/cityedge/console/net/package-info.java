/**
 * Where the console listens: the first IPv4 address of the configured network interface, written into the Felix
 * HTTP (Jetty) configuration only when it changes. Nothing listens on all interfaces.
 */
package org.cityedge.console.net;
