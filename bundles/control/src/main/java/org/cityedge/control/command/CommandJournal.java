package org.cityedge.control.command;

import java.util.Optional;

/**
 * Recent command ids and their replies, so a repeated id is answered from the first reply and never executed
 * twice. An entry is written before a command runs ({@link #begin}) and completed with its reply: an entry found
 * without a reply belongs to a command that was running when the gateway stopped.
 */
interface CommandJournal extends AutoCloseable {

    /** One journalled command. @param reply the reply, or null when the command never finished */
    record Entry(String id, long receivedAt, String reply) {
    }

    Optional<Entry> find(String id);

    /** Notes that the command starts. */
    void begin(String id, long receivedAt);

    /** Stores the reply (and the entry, if {@link #begin} was not called). */
    void complete(String id, long receivedAt, String reply);

    /** Entries held now. */
    long size();

    @Override
    void close();
}
