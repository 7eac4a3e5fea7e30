/**
 * The CLI's side of the gateway's local HTTP API ({@code docs/console/http-api.md}): where the console is (given, or
 * the URL the console wrote on this gateway), and one HTTP client that authenticates with the gateway's bearer token
 * when it can read it and the console is this machine's own (the CLI runs on the gateway) and otherwise logs
 * in with the console password like a browser (session cookie and {@code X-CSRF-Token} on every change), and that
 * turns every way a request can go wrong into a {@link org.cityedge.cli.gateway.Failure} with its exit code.
 */
package org.cityedge.cli.gateway;
