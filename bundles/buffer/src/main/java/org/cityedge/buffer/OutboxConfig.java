package org.cityedge.buffer;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = OutboxComponent.PID, name = "cityedge buffer",
        description = "Durable store-and-forward of every message to the IOC (SQLite, WAL)")
@interface OutboxConfig {

    @AttributeDefinition(description = "SQLite file of the buffer; empty: buffer/outbox.db under the gateway's"
            + " state directory (system property cityedge.state). Changes take effect at the next start.")
    String path() default "";

    @AttributeDefinition(description = "Most bytes the buffered messages may take. When reached, the oldest"
            + " telemetry is dropped first, then health reports, alarms last; every drop is counted.")
    long quotaBytes() default BufferSettings.DEFAULT_QUOTA;

    @AttributeDefinition(description = "Messages held in memory in front of the writer; when full, new messages"
            + " are dropped and counted (polling never waits). Takes effect at the next start.")
    int queueCapacity() default BufferSettings.DEFAULT_QUEUE;

    @AttributeDefinition(description = "Milliseconds the writer gathers messages into one commit (an alarm ends"
            + " the wait). Longer: fewer flash writes; shorter: less latency.")
    long commitIntervalMs() default BufferSettings.DEFAULT_COMMIT_INTERVAL_MS;

    @AttributeDefinition(description = "Most messages in one commit")
    int maxBatch() default BufferSettings.DEFAULT_MAX_BATCH;
}
