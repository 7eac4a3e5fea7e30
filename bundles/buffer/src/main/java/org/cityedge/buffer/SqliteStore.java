package org.cityedge.buffer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.cityedge.api.uplink.BufferedMessage;
import org.cityedge.api.uplink.MessageKind;
import org.cityedge.api.uplink.OutboundMessage;
import org.cityedge.api.uplink.Priority;
import org.sqlite.SQLiteConfig;

/**
 * The SQLite file: one table of messages keyed by sequence number (the rowid, so the key costs nothing extra), an
 * index by priority for the publish order and the quota, and a meta table holding the last sequence number so the
 * numbers keep growing after the table was emptied.
 *
 * <p>Two connections: the writer thread's, and a reader's for leases and status, which in WAL mode never waits for
 * a commit. Writes happen on the writer thread only; reads are serialized on the reader.
 *
 * <p>A full disk shows as SQLITE_FULL ({@link #isDiskFull}); SQLite then has rolled the transaction back already,
 * see {@link #rollbackQuietly}.
 */
final class SqliteStore implements AutoCloseable {

    /** Bytes a row costs besides payload and topic (key, index entry, columns, cell header), for the quota. */
    static final int ROW_OVERHEAD = 24;
    private static final int SCHEMA_VERSION = 1;

    private final Path file;
    private final Connection writer;
    private final Connection reader;
    private final PreparedStatement insert;
    private final PreparedStatement deleteOne;
    private final PreparedStatement saveLastSeq;
    private final PreparedStatement oldestOfPriority;
    private final PreparedStatement deleteUpTo;
    private final PreparedStatement readRange;
    private final PayloadCodec writeCodec = new PayloadCodec();
    private final PayloadCodec readCodec = new PayloadCodec();
    private final long[] count = new long[Priority.values().length];
    private final long[] bytes = new long[Priority.values().length];
    private long lastSeq;
    private volatile long pageCap;
    private long appliedPageCap;

    private SqliteStore(Path file, Connection writer, Connection reader) throws SQLException {
        this.file = file;
        this.writer = writer;
        this.reader = reader;
        createSchema();
        lastSeq = loadLastSeq();
        loadTotals();
        writer.setAutoCommit(false);
        insert = writer.prepareStatement("INSERT INTO msg(seq, prio, kind, ts, topic, body) VALUES (?,?,?,?,?,?)");
        deleteOne = writer.prepareStatement(
                "DELETE FROM msg WHERE seq = ? RETURNING prio, length(body) + length(topic)");
        saveLastSeq = writer.prepareStatement(
                "INSERT INTO meta(k, v) VALUES ('lastSeq', ?) ON CONFLICT(k) DO UPDATE SET v = excluded.v");
        oldestOfPriority = writer.prepareStatement(
                "SELECT seq, kind, length(body) + length(topic) FROM msg WHERE prio = ? ORDER BY seq LIMIT ?");
        deleteUpTo = writer.prepareStatement("DELETE FROM msg WHERE prio = ? AND seq <= ?");
        readRange = reader.prepareStatement("SELECT seq, kind, prio, ts, topic, body FROM msg"
                + " WHERE prio = ? AND seq > ? AND seq <= ? ORDER BY seq LIMIT ?");
    }

    /**
     * Opens (or creates) the store. Throws the SQLite error as it comes: the caller decides whether it means
     * corruption ({@link #isCorruption}).
     */
    static SqliteStore open(Path file) throws SQLException, IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        // FULL: a commit is on the platter (or flash) when it returns, so it survives a power cut, not only a crash.
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(10_000);
        config.setTempStore(SQLiteConfig.TempStore.MEMORY);
        String url = "jdbc:sqlite:" + file.toAbsolutePath();
        Connection writer = config.createConnection(url);
        try {
            Connection reader = config.createConnection(url);
            try {
                return new SqliteStore(file, writer, reader);
            } catch (SQLException | RuntimeException e) {
                reader.close();
                throw e;
            }
        } catch (SQLException | RuntimeException e) {
            writer.close();
            throw e;
        }
    }

    /** True when SQLite says the file is not a database or is damaged. */
    static boolean isCorruption(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s) {
                int primary = s.getErrorCode() & 0xff;
                if (primary == 11 /* SQLITE_CORRUPT */ || primary == 26 /* SQLITE_NOTADB */) {
                    return true;
                }
            }
        }
        return false;
    }

    /** True when SQLite says the disk or the file is full (SQLITE_FULL; it maps ENOSPC to it). */
    static boolean isDiskFull(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && (s.getErrorCode() & 0xff) == 13 /* SQLITE_FULL */) {
                return true;
            }
        }
        return false;
    }

    private void createSchema() throws SQLException {
        try (Statement s = writer.createStatement()) {
            s.executeUpdate("CREATE TABLE IF NOT EXISTS msg(seq INTEGER PRIMARY KEY, prio INTEGER NOT NULL,"
                    + " kind INTEGER NOT NULL, ts INTEGER NOT NULL, topic TEXT NOT NULL, body BLOB NOT NULL)");
            s.executeUpdate("CREATE INDEX IF NOT EXISTS msg_prio ON msg(prio)"); // (prio, rowid): publish order
            s.executeUpdate("CREATE TABLE IF NOT EXISTS meta(k TEXT PRIMARY KEY, v INTEGER NOT NULL) WITHOUT ROWID");
            try (ResultSet rs = s.executeQuery("PRAGMA user_version")) {
                int version = rs.next() ? rs.getInt(1) : 0;
                if (version == 0) {
                    s.executeUpdate("PRAGMA user_version = " + SCHEMA_VERSION);
                } else if (version != SCHEMA_VERSION) {
                    throw new SQLException("buffer schema version " + version + " is not supported (expected "
                            + SCHEMA_VERSION + ")");
                }
            }
        }
    }

    private long loadLastSeq() throws SQLException {
        try (Statement s = writer.createStatement();
                ResultSet rs = s.executeQuery("SELECT max(coalesce((SELECT v FROM meta WHERE k = 'lastSeq'), 0),"
                        + " coalesce((SELECT max(seq) FROM msg), 0))")) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    /** Reads every row's size: also the check that the table is readable (a damaged page fails here). */
    private void loadTotals() throws SQLException {
        try (Statement s = writer.createStatement();
                ResultSet rs = s.executeQuery("SELECT prio, count(*), coalesce(sum(length(body) + length(topic)), 0)"
                        + " FROM msg GROUP BY prio")) {
            while (rs.next()) {
                int p = rs.getInt(1);
                if (p < 0 || p >= count.length) {
                    throw new SQLException("unknown priority " + p + " in buffer");
                }
                count[p] = rs.getLong(2);
                bytes[p] = rs.getLong(3) + count[p] * ROW_OVERHEAD;
            }
        }
    }

    Path file() {
        return file;
    }

    long lastSeq() {
        return lastSeq;
    }

    /**
     * One transaction: inserts the batch with the next sequence numbers, deletes the acknowledged ones, saves the
     * last number. Nothing of it is visible, counted or numbered unless it commits.
     *
     * @return the number of acknowledged rows actually deleted
     */
    int commit(List<OutboundMessage> batch, List<Long> acknowledged) throws SQLException {
        applyPageCap();
        long seq = lastSeq;
        long[] addCount = new long[count.length];
        long[] addBytes = new long[count.length];
        int deleted = 0;
        try {
            for (OutboundMessage m : batch) {
                byte[] body = writeCodec.encode(m.json());
                int p = m.priority().ordinal();
                insert.setLong(1, ++seq);
                insert.setInt(2, p);
                insert.setInt(3, kindCode(m.kind()));
                insert.setLong(4, m.sampleTime());
                insert.setString(5, m.topicSuffix());
                insert.setBytes(6, body);
                insert.addBatch();
                addCount[p]++;
                addBytes[p] += body.length + m.topicSuffix().length() + ROW_OVERHEAD;
            }
            if (!batch.isEmpty()) {
                insert.executeBatch();
                saveLastSeq.setLong(1, seq);
                saveLastSeq.executeUpdate();
            }
            for (Long ack : acknowledged) {
                deleteOne.setLong(1, ack);
                try (ResultSet rs = deleteOne.executeQuery()) {
                    if (rs.next()) {
                        int p = rs.getInt(1);
                        addCount[p]--;
                        addBytes[p] -= rs.getLong(2) + ROW_OVERHEAD;
                        deleted++;
                    }
                }
            }
            writer.commit();
        } catch (SQLException | RuntimeException e) {
            insert.clearBatch();
            rollbackQuietly();
            throw e;
        }
        lastSeq = seq;
        for (int p = 0; p < count.length; p++) {
            count[p] += addCount[p];
            bytes[p] += addBytes[p];
        }
        return deleted;
    }

    /**
     * Deletes the oldest messages of one priority until at least {@code toFree} bytes are freed or none is left.
     *
     * @return the messages dropped, by kind
     */
    Map<MessageKind, Long> dropOldest(Priority priority, long toFree) throws SQLException {
        Map<MessageKind, Long> dropped = new EnumMap<>(MessageKind.class);
        int p = priority.ordinal();
        long freed = 0;
        long freedRows = 0;
        try {
            while (freed < toFree && count[p] - freedRows > 0) {
                long lastSeqToDrop = -1;
                oldestOfPriority.setInt(1, p);
                oldestOfPriority.setInt(2, 512);
                try (ResultSet rs = oldestOfPriority.executeQuery()) {
                    while (freed < toFree && rs.next()) {
                        lastSeqToDrop = rs.getLong(1);
                        dropped.merge(kindOf(rs.getInt(2)), 1L, Long::sum);
                        freed += rs.getLong(3) + ROW_OVERHEAD;
                        freedRows++;
                    }
                }
                if (lastSeqToDrop < 0) {
                    break;
                }
                deleteUpTo.setInt(1, p);
                deleteUpTo.setLong(2, lastSeqToDrop);
                deleteUpTo.executeUpdate();
            }
            writer.commit();
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly();
            throw e;
        }
        count[p] -= freedRows;
        bytes[p] -= freed;
        return dropped;
    }

    /** Messages of one priority with {@code after < seq <= upTo}, oldest first. Any thread. */
    List<BufferedMessage> read(Priority priority, long after, long upTo, int limit) throws SQLException {
        synchronized (reader) {
            readRange.setInt(1, priority.ordinal());
            readRange.setLong(2, after);
            readRange.setLong(3, upTo);
            readRange.setInt(4, limit);
            List<BufferedMessage> out = new ArrayList<>(Math.min(limit, 256));
            try (ResultSet rs = readRange.executeQuery()) {
                while (rs.next()) {
                    OutboundMessage m = new OutboundMessage(kindOf(rs.getInt(2)), Priority.values()[rs.getInt(3)],
                            rs.getString(5), readCodec.decode(rs.getBytes(6)), rs.getLong(4));
                    out.add(new BufferedMessage(rs.getLong(1), m));
                }
            }
            return out;
        }
    }

    /**
     * Bytes the database can still grow by: the file system's free space, or less when SQLite's page limit is
     * nearer. Writer thread.
     */
    long roomToGrow() throws SQLException {
        applyPageCap();
        long pageSize;
        long pages;
        long maxPages;
        try (Statement s = writer.createStatement()) {
            pageSize = pragma(s, "page_size");
            pages = pragma(s, "page_count");
            maxPages = pragma(s, "max_page_count");
        } finally {
            writer.commit(); // ends the read transaction the pragmas opened
        }
        Path dir = file.toAbsolutePath().getParent();
        long free = dir == null ? Long.MAX_VALUE : dir.toFile().getUsableSpace();
        return Math.min(free, Math.max(0, maxPages - pages) * pageSize);
    }

    private static long pragma(Statement s, String name) throws SQLException {
        try (ResultSet rs = s.executeQuery("PRAGMA " + name)) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    /**
     * Caps the database at this many pages (SQLite's {@code max_page_count}, applied by the writer before its next
     * write): a hard ceiling that makes SQLite answer SQLITE_FULL exactly as on a full disk. For tests.
     */
    void capPages(long pages) {
        pageCap = pages;
    }

    private void applyPageCap() throws SQLException {
        long cap = pageCap;
        if (cap != appliedPageCap) {
            try (Statement s = writer.createStatement()) {
                s.execute("PRAGMA max_page_count = " + cap);
            }
            appliedPageCap = cap;
        }
    }

    /**
     * Copies what the write-ahead log holds into the database without waiting for readers, so the log can start
     * over in the space it already has: after a full disk, the next commits then need no new space for it.
     */
    void checkpointPassive() throws SQLException {
        synchronized (reader) {
            try (Statement s = reader.createStatement()) {
                s.execute("PRAGMA wal_checkpoint(PASSIVE)");
            }
        }
    }

    /** Sample time of the oldest message held, 0 when empty. Any thread. */
    long oldestSampleTime() throws SQLException {
        synchronized (reader) {
            try (Statement s = reader.createStatement();
                    ResultSet rs = s.executeQuery("SELECT ts FROM msg ORDER BY seq LIMIT 1")) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    long depth() {
        long n = 0;
        for (long c : count) {
            n += c;
        }
        return n;
    }

    long bytes() {
        long n = 0;
        for (long b : bytes) {
            n += b;
        }
        return n;
    }

    /** Database plus write-ahead log, as they are on disk now. */
    long fileBytes() {
        return sizeOf(file) + sizeOf(file.resolveSibling(file.getFileName() + "-wal"));
    }

    /** Folds the write-ahead log into the database file (the benchmark measures the file afterwards). */
    void checkpoint() throws SQLException {
        synchronized (reader) { // any connection may checkpoint; the writer's belongs to the writer thread
            try (Statement s = reader.createStatement()) {
                s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            }
        }
    }

    private static long sizeOf(Path p) {
        try {
            return Files.exists(p) ? Files.size(p) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /**
     * Rolls back. On SQLITE_FULL (and some I/O errors) SQLite has rolled back already, so the driver's rollback
     * fails and does not begin the next transaction: the connection would then commit every statement on its own,
     * half a batch would become durable with numbers this store never counted. Begin it here instead.
     */
    private void rollbackQuietly() {
        try {
            writer.rollback();
        } catch (SQLException rollbackFailed) {
            try (Statement s = writer.createStatement()) {
                s.execute("BEGIN");
            } catch (SQLException ignored) {
                // a transaction is still open (the rollback failed for another reason) or the connection is broken
            }
        }
    }

    @Override
    public void close() throws SQLException {
        try {
            reader.close();
        } finally {
            writer.close();
        }
    }

    // Stable codes on disk, whatever order the API's enum has.
    static int kindCode(MessageKind kind) {
        return switch (kind) {
            case TELEMETRY -> 1;
            case EVENT -> 2;
            case HEALTH -> 3;
            case REPLY -> 4;
        };
    }

    static MessageKind kindOf(int code) {
        return switch (code) {
            case 1 -> MessageKind.TELEMETRY;
            case 2 -> MessageKind.EVENT;
            case 3 -> MessageKind.HEALTH;
            case 4 -> MessageKind.REPLY;
            default -> throw new IllegalArgumentException("unknown message kind code " + code);
        };
    }
}
