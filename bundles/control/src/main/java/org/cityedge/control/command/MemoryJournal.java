package org.cityedge.control.command;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The journal in memory, bounded by count: what the gateway falls back to when the journal file cannot be opened
 * (repeats are still caught until a restart).
 */
final class MemoryJournal implements CommandJournal {

    private final Map<String, Entry> entries;

    MemoryJournal(int maxEntries) {
        entries = new LinkedHashMap<>(16, 0.75f, false) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > maxEntries;
            }
        };
    }

    @Override
    public synchronized Optional<Entry> find(String id) {
        return Optional.ofNullable(entries.get(id));
    }

    @Override
    public synchronized void begin(String id, long receivedAt) {
        entries.putIfAbsent(id, new Entry(id, receivedAt, null));
    }

    @Override
    public synchronized void complete(String id, long receivedAt, String reply) {
        entries.put(id, new Entry(id, receivedAt, reply));
    }

    @Override
    public synchronized long size() {
        return entries.size();
    }

    @Override
    public void close() {
    }
}
