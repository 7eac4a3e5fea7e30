/**
 * Bus and host scans driven from the CLI: the request and how long to wait for it at most ({@link
 * org.cityedge.cli.scan.ScanPlan}), polling the gateway while showing progress and each device as it is found
 * ({@link org.cityedge.cli.scan.ScanWatcher}, a progress bar on a terminal and plain lines elsewhere), cancelling on the
 * gateway when the technician presses Ctrl-C, and turning what was found into site devices ({@link
 * org.cityedge.cli.scan.ScanAssignment}).
 */
package org.cityedge.cli.scan;
