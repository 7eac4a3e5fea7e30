/**
 * The technician's {@code cityedge provision} command: one picocli subcommand per provisioning task, each a thin
 * client of the gateway's local HTTP API ({@code docs/console/http-api.md}), so the CLI and the web console change
 * the gateway the same way. Exit codes: 0 done, 1 refused by the gateway, 2 usage error, 3 gateway unreachable or
 * not authorised. {@link org.cityedge.cli.Provision#run} runs it in-process (tests, the end-to-end run).
 */
package org.cityedge.cli;
