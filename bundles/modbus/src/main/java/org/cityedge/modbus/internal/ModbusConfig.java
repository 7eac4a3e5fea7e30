package org.cityedge.modbus.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = ModbusComponent.PID, name = "cityedge Modbus driver",
        description = "Polls the site's Modbus RTU, TCP and RTU-over-TCP devices")
@interface ModbusConfig {

    @AttributeDefinition(description = "Period of FAST points, in ms", min = "50")
    long fastPeriodMs() default 1000;

    @AttributeDefinition(description = "Period of NORMAL points, in ms", min = "50")
    long normalPeriodMs() default 10_000;

    @AttributeDefinition(description = "Period of SLOW points, in ms", min = "50")
    long slowPeriodMs() default 60_000;

    @AttributeDefinition(description = "Consecutive unanswered polls after which a device is OFFLINE", min = "1")
    int offlineAfterFailures() default 3;

    @AttributeDefinition(description = "First retry delay of an OFFLINE device or a bus that cannot be opened, in ms",
            min = "1")
    long backoffInitialMs() default 1000;

    @AttributeDefinition(description = "Longest retry delay (it doubles up to this), in ms", min = "1")
    long backoffCapMs() default 60_000;

    @AttributeDefinition(description = "Threads shared by all TCP endpoints (each serial port has its own)",
            min = "1", max = "64")
    int workerThreads() default 4;

    @AttributeDefinition(description = "Window over which the first polls of all devices are spread, in ms", min = "0")
    long staggerMs() default 1000;

    @AttributeDefinition(description = "Extra silence between frames on every bus, in ms", min = "0")
    int extraInterFrameDelayMs() default 0;

    @AttributeDefinition(description = "Planner: cost of one TCP request in bytes (reading a gap of fewer bytes is "
            + "cheaper than another request)", min = "0")
    double tcpRequestCostBytes() default 100;

    @AttributeDefinition(description = "Planner: typical time a serial device takes to start its reply, in ms",
            min = "0")
    double rtuTurnaroundMs() default 2;

    @AttributeDefinition(description = "While a failure lasts, log it again at most this often, in ms", min = "1000")
    long errorLogIntervalMs() default 60_000;

    @AttributeDefinition(description = "Merge points into block reads (off: one request per point, for comparison)")
    boolean blockReads() default true;
}
