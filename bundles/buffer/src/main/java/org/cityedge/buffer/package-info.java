/**
 * The durable outbox: store-and-forward of every message to the IOC on SQLite in WAL mode.
 *
 * <p>Producers hand messages to a bounded in-memory queue ({@link org.cityedge.buffer.DurableOutbox#offer} never
 * blocks; a full queue drops and counts). One writer thread commits them in groups (a commit interval or a batch
 * size, whichever comes first; an urgent message ends the wait), giving each its sequence number inside the
 * transaction that makes it durable, so a crash never leaves a gap in the numbers. With {@code synchronous=FULL} a
 * commit survives a power cut, not just a kill of the process. Acknowledgements from the broker are deleted by the
 * same writer, in the next group.
 *
 * <p>Quota policy: the bytes of the held messages (payload, topic and a fixed row overhead) are kept under the quota
 * by dropping the oldest messages of the lowest priority first: telemetry, then health reports, then alarms and
 * replies. Every drop is counted by kind.
 *
 * <p>A store file that SQLite reports as corrupt at start is renamed with a timestamp and a fresh one is created;
 * the move is logged and counted. A configuration change never reopens or recreates the store.
 */
package org.cityedge.buffer;
