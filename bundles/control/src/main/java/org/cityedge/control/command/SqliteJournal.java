package org.cityedge.control.command;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/**
 * The command journal in one SQLite file (WAL, {@code synchronous=FULL}: an entry is on flash when the call
 * returns, so it survives a power cut). SQLite rather than a home-made append-only file: the driver is already in
 * the gateway for the buffer, it gives crash-safe writes, a lookup by id through the primary key without holding
 * the replies in memory, and pruning by age, count and size in one statement each.
 *
 * <p>Writes happen in the caller's thread, one statement per call (commands are rare; each costs two commits).
 * Pruning runs at open and every {@value #PRUNE_EVERY} completions. A file SQLite reports as corrupt at open is
 * moved aside ({@code commands.db.corrupt-EPOCHMS}) and a fresh one started: the journal protects against repeats,
 * it holds nothing that must outlive corruption.
 */
final class SqliteJournal implements CommandJournal {

    static final int PRUNE_EVERY = 64;
    private static final Logger LOG = LoggerFactory.getLogger(SqliteJournal.class);

    private final Path file;
    private final JournalLimits limits;
    private final LongSupplier clock;
    private final Connection db;
    private int sincePrune;

    private SqliteJournal(Path file, JournalLimits limits, LongSupplier clock, Connection db) throws SQLException {
        this.file = file;
        this.limits = limits;
        this.clock = clock;
        this.db = db;
        try (Statement s = db.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS command(id TEXT NOT NULL UNIQUE, received INTEGER NOT NULL,"
                    + " reply TEXT)");
            s.execute("CREATE INDEX IF NOT EXISTS command_received ON command(received)");
        }
        prune();
    }

    /** Opens (or creates) the journal; a corrupt file is moved aside once. */
    static SqliteJournal open(Path file, JournalLimits limits, LongSupplier clock) throws SQLException, IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        try {
            return new SqliteJournal(file, limits, clock, connect(file));
        } catch (SQLException e) {
            if (!isCorruption(e)) {
                throw e;
            }
            Path aside = file.resolveSibling(file.getFileName() + ".corrupt-" + clock.getAsLong());
            LOG.error("control: command journal {} is corrupt ({}); moved to {} and started afresh: ids seen"
                    + " before are no longer recognised", file, e.getMessage(), aside);
            Files.move(file, aside, StandardCopyOption.ATOMIC_MOVE);
            Files.deleteIfExists(file.resolveSibling(file.getFileName() + "-wal"));
            Files.deleteIfExists(file.resolveSibling(file.getFileName() + "-shm"));
            return new SqliteJournal(file, limits, clock, connect(file));
        }
    }

    static Connection connect(Path file) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(5_000);
        Connection c = config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
        try (Statement s = c.createStatement()) {
            s.execute("SELECT count(*) FROM sqlite_master"); // reads the header: a damaged file fails here
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return c;
    }

    private static boolean isCorruption(SQLException e) {
        int primary = e.getErrorCode() & 0xff;
        return primary == 11 /* SQLITE_CORRUPT */ || primary == 26 /* SQLITE_NOTADB */;
    }

    @Override
    public synchronized Optional<Entry> find(String id) {
        try (PreparedStatement q = db.prepareStatement("SELECT received, reply FROM command WHERE id = ?")) {
            q.setString(1, id);
            try (ResultSet r = q.executeQuery()) {
                return r.next() ? Optional.of(new Entry(id, r.getLong(1), r.getString(2))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("command journal " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void begin(String id, long receivedAt) {
        update("INSERT OR IGNORE INTO command(id, received, reply) VALUES (?, ?, ?)", id, receivedAt, null);
    }

    @Override
    public synchronized void complete(String id, long receivedAt, String reply) {
        update("INSERT INTO command(id, received, reply) VALUES (?, ?, ?)"
                + " ON CONFLICT(id) DO UPDATE SET reply = excluded.reply", id, receivedAt, reply);
        if (++sincePrune >= PRUNE_EVERY) {
            prune();
        }
    }

    private void update(String sql, String id, long receivedAt, String reply) {
        try (PreparedStatement u = db.prepareStatement(sql)) {
            u.setString(1, id);
            u.setLong(2, receivedAt);
            u.setString(3, reply);
            u.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("command journal " + file + ": " + e.getMessage(), e);
        }
    }

    /** Drops what is beyond the limits. */
    synchronized void prune() {
        sincePrune = 0;
        try (PreparedStatement byAge = db.prepareStatement("DELETE FROM command WHERE received < ?");
                PreparedStatement byCount = db.prepareStatement("DELETE FROM command WHERE rowid <= (SELECT rowid"
                        + " FROM command ORDER BY rowid DESC LIMIT 1 OFFSET ?)");
                PreparedStatement bySize = db.prepareStatement("DELETE FROM command WHERE rowid <= (SELECT rowid"
                        + " FROM (SELECT rowid, sum(length(reply)) OVER (ORDER BY rowid DESC) AS total"
                        + " FROM command) WHERE total > ? ORDER BY rowid DESC LIMIT 1)")) {
            byAge.setLong(1, clock.getAsLong() - limits.maxAgeMs());
            byCount.setInt(1, limits.maxEntries());
            bySize.setLong(1, limits.maxBytes());
            int dropped = byAge.executeUpdate() + byCount.executeUpdate() + bySize.executeUpdate();
            if (dropped > 0) {
                LOG.debug("control: command journal pruned {} entries", dropped);
            }
        } catch (SQLException e) {
            LOG.warn("control: pruning the command journal {} failed: {}", file, e.getMessage());
        }
    }

    @Override
    public synchronized long size() {
        try (Statement s = db.createStatement(); ResultSet r = s.executeQuery("SELECT count(*) FROM command")) {
            return r.next() ? r.getLong(1) : 0;
        } catch (SQLException e) {
            return -1;
        }
    }

    @Override
    public synchronized void close() {
        try {
            db.close();
        } catch (SQLException e) {
            LOG.debug("closing the command journal", e);
        }
    }
}
