package org.cityedge.buffer;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongPredicate;

import org.cityedge.api.uplink.BufferedMessage;
import org.cityedge.api.uplink.Priority;

/**
 * Decides what the drainer gets next. URGENT messages go first, oldest first. For the other priorities the
 * messages are split at the <em>live mark</em> (the last sequence number durable at the last rewind): what came
 * after it is live, what came before is backlog, and each lease alternates between the two, so the IOC sees the
 * present while it catches up. Cursors only move forward between rewinds; rows deleted meanwhile are simply not
 * found.
 */
final class DrainOrder {

    /** Reads stored messages of one priority in {@code (after, upTo]}, oldest first. */
    interface Rows {
        List<BufferedMessage> read(Priority priority, long after, long upTo, int limit) throws SQLException;
    }

    private static final int PRIORITIES = Priority.values().length;

    private long liveMark;
    private final long[] backlogCursor = new long[PRIORITIES];
    private final long[] liveCursor = new long[PRIORITIES];
    private final boolean[] backlogDone = new boolean[PRIORITIES];

    DrainOrder(long lastDurableSeq) {
        rewind(lastDurableSeq);
    }

    void rewind(long lastDurableSeq) {
        liveMark = lastDurableSeq;
        for (int p = 0; p < PRIORITIES; p++) {
            backlogCursor[p] = 0;
            liveCursor[p] = lastDurableSeq;
            backlogDone[p] = false;
        }
    }

    /** Up to {@code max} messages in publish order; {@code skip} hides messages acknowledged but not yet deleted. */
    List<BufferedMessage> next(int max, Rows rows, LongPredicate skip) throws SQLException {
        List<BufferedMessage> out = new ArrayList<>(max);
        for (Priority priority : Priority.values()) {
            int room = max - out.size();
            if (room <= 0) {
                break;
            }
            int p = priority.ordinal();
            if (priority == Priority.URGENT) {
                // Alarms in the order they happened, backlog or not.
                List<BufferedMessage> urgent = rows.read(priority, backlogCursor[p], Long.MAX_VALUE, room);
                backlogCursor[p] = advance(backlogCursor[p], urgent);
                addUnskipped(out, urgent, skip);
                continue;
            }
            int liveWant = backlogDone[p] ? room : Math.max(1, room / 2);
            List<BufferedMessage> live = rows.read(priority, liveCursor[p], Long.MAX_VALUE, liveWant);
            liveCursor[p] = advance(liveCursor[p], live);
            List<BufferedMessage> backlog = List.of();
            if (!backlogDone[p]) {
                int want = room - live.size();
                backlog = want > 0 ? rows.read(priority, backlogCursor[p], liveMark, want) : List.of();
                backlogCursor[p] = advance(backlogCursor[p], backlog);
                backlogDone[p] = want > 0 && backlog.size() < want;
            }
            interleave(out, live, backlog, skip);
            int left = max - out.size();
            if (left > 0 && backlogDone[p] && live.size() == liveWant) {
                List<BufferedMessage> more = rows.read(priority, liveCursor[p], Long.MAX_VALUE, left);
                liveCursor[p] = advance(liveCursor[p], more);
                addUnskipped(out, more, skip);
            }
        }
        return out;
    }

    private static long advance(long cursor, List<BufferedMessage> read) {
        return read.isEmpty() ? cursor : read.get(read.size() - 1).seq();
    }

    private static void interleave(List<BufferedMessage> out, List<BufferedMessage> live,
            List<BufferedMessage> backlog, LongPredicate skip) {
        int n = Math.max(live.size(), backlog.size());
        for (int i = 0; i < n; i++) {
            if (i < live.size() && !skip.test(live.get(i).seq())) {
                out.add(live.get(i));
            }
            if (i < backlog.size() && !skip.test(backlog.get(i).seq())) {
                out.add(backlog.get(i));
            }
        }
    }

    private static void addUnskipped(List<BufferedMessage> out, List<BufferedMessage> read, LongPredicate skip) {
        for (BufferedMessage m : read) {
            if (!skip.test(m.seq())) {
                out.add(m);
            }
        }
    }
}
