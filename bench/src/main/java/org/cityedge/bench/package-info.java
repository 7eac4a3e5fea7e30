/**
 * Field-layer benchmarks run against the in-process hardware simulator ({@code java -jar cityedge-bench.jar
 * bus|tcp|scan}): RTU poll-cycle efficiency against the wire-time bound, Modbus TCP scale, and the commissioning
 * scan's time per absent unit id against its physical floor. Each prints progress lines and one last line of
 * {@code name=value} figures.
 */
package org.cityedge.bench;
