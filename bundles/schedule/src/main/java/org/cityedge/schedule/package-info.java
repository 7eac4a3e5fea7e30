/**
 * Dimming schedules: the gateway's astronomical clock and the night programs the IOC pushes, run locally so the
 * streets stay lit through uplink outages and restarts.
 *
 * <p>A signed {@code schedule} document (docs/mqtt/schedule.schema.json) reaches
 * {@link org.cityedge.schedule.ScheduleComponent} as a {@code PolicyDocumentHandler}: a version not above the
 * installed one is refused ({@code replayed-version}), an invalid one too ({@code invalid-document}, naming the
 * field); a good one is stored under {@code ${cityedge.state}/schedule/} (temporary file, fsync, atomic rename)
 * and replaces the running one at once. Until the IOC installs one, a built-in schedule from the configuration
 * runs.
 *
 * <p>The schedule never writes to a lamp: it claims {@code dimLevel}, {@code powerState} and a cabinet's
 * {@code contactorState} on the point arbiter ({@code PointControl}) as source {@code SCHEDULE}, owner = the
 * program, until the next step. Overrides and rules outrank it there. It claims again at every step, at start and after a clock jump, and it serves the effective
 * plan ahead ({@code DimmingPlan}), showing where an override or a rule holds a lamp.
 */
package org.cityedge.schedule;
