/**
 * The endpoints of the local HTTP API (docs/console/http-api.md), shared by the web console and the
 * {@code cityedge provision} CLI: session and password, status, provisioning (identity, settings, TLS, trust,
 * devices, export/import), device tests and bus scans. They reach the gateway only through the api bundle's
 * services ({@link org.cityedge.console.api.GatewayServices}).
 */
package org.cityedge.console.api;
