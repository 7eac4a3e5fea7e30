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
 * <p>Full disk (SQLite reports SQLITE_FULL): the space the disk has becomes the quota. The writer deletes the
 * broker's acknowledgements first, gives back a spare file it keeps beside the store ({@code outbox.db.spare}, an
 * eighth of the quota, at most 8 MiB: in WAL mode even a delete needs a little room), drops the oldest messages by
 * the quota's order to fit the new ones, and holds the buffer at that size until SQLite can grow the file again by
 * twice the spare plus 1 MiB; then it recreates the spare and lifts the limit. Those drops are counted with the
 * quota's, by kind. One error line when the disk becomes full, one info line when it has room again, and
 * {@code BufferStatus.problem} starts with "disk full" meanwhile. If dropping cannot make room (nothing left, or no
 * room even for that), new messages wait in memory and the writer retries every second; the queue in front of it
 * then refuses and counts ({@code droppedQueueFull}), so polling never waits. On close, what could not be written is
 * counted as {@code droppedWriteFailed}.
 *
 * <p>A store file that SQLite reports as corrupt at start is renamed with a timestamp and a fresh one is created;
 * the move is logged and counted. A configuration change never reopens or recreates the store.
 */
package org.cityedge.buffer;
