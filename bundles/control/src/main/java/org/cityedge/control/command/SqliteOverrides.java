package org.cityedge.control.command;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

import org.cityedge.api.control.ControlSource;
import org.cityedge.api.control.PointClaim;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * IOC overrides in a table of the command journal's SQLite file (its own connection; WAL lets both write).
 * Values are stored with their type, so a restored claim is the claim that was placed.
 */
final class SqliteOverrides implements OverrideStore {

    private static final Logger LOG = LoggerFactory.getLogger(SqliteOverrides.class);
    private static final String DELETE_ONE = "DELETE FROM override WHERE device = ? AND point = ? AND owner = ?";

    private final Path file;
    private final Connection db;
    private final LongSupplier clock;

    private SqliteOverrides(Path file, Connection db, LongSupplier clock) throws SQLException {
        this.file = file;
        this.db = db;
        this.clock = clock;
        try (Statement s = db.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS override(device TEXT NOT NULL, point TEXT NOT NULL,"
                    + " owner TEXT NOT NULL, kind TEXT NOT NULL, value TEXT NOT NULL, until INTEGER NOT NULL,"
                    + " PRIMARY KEY(device, point, owner))");
        }
    }

    /** Opens the table in the journal's file (open the journal first: it deals with a corrupt file). */
    static SqliteOverrides open(Path file) throws SQLException {
        return open(file, System::currentTimeMillis);
    }

    /** As {@link #open(Path)}; {@code clock} says which overrides have ended, so their rows can go. */
    static SqliteOverrides open(Path file, LongSupplier clock) throws SQLException {
        return new SqliteOverrides(file, SqliteJournal.connect(file), clock);
    }

    @Override
    public void placed(PointClaim c) {
        update(List.of(c), List.of());
    }

    @Override
    public synchronized void update(List<PointClaim> placed, List<PointClaim> released) {
        if (placed.isEmpty() && released.isEmpty()) {
            return;
        }
        try {
            db.setAutoCommit(false);
            write(placed, released);
            db.commit();
        } catch (SQLException e) {
            rollback();
            LOG.warn("control: cannot keep the IOC overrides placed {} and released {} in {}: {}; the placed ones end"
                    + " at a restart", describe(placed), describe(released), file, e.getMessage());
        } finally {
            try {
                db.setAutoCommit(true);
            } catch (SQLException e) {
                LOG.debug("restoring auto-commit on the override store", e);
            }
        }
    }

    private static List<String> describe(List<PointClaim> claims) {
        return claims.stream().map(c -> c.owner() + " of " + c.deviceId() + "." + c.point()).toList();
    }

    private void rollback() {
        try {
            db.rollback();
        } catch (SQLException e) {
            LOG.debug("rolling back the override store", e);
        }
    }

    /**
     * Overrides that ended on their own are never released: dropped here, in the same commit, so the table holds
     * little more than the overrides in force.
     */
    private void write(List<PointClaim> placed, List<PointClaim> released) throws SQLException {
        try (PreparedStatement ended = db.prepareStatement("DELETE FROM override WHERE until <= ?");
                PreparedStatement insert = db.prepareStatement("INSERT OR REPLACE INTO override(device, point,"
                        + " owner, kind, value, until) VALUES (?, ?, ?, ?, ?, ?)");
                PreparedStatement delete = db.prepareStatement(DELETE_ONE)) {
            ended.setLong(1, clock.getAsLong());
            ended.executeUpdate();
            for (PointClaim c : placed) {
                insert.setString(1, c.deviceId());
                insert.setString(2, c.point());
                insert.setString(3, c.owner());
                insert.setString(4, c.value().getClass().getSimpleName());
                insert.setString(5, c.value().toString());
                insert.setLong(6, c.until());
                insert.executeUpdate();
            }
            for (PointClaim c : released) {
                delete.setString(1, c.deviceId());
                delete.setString(2, c.point());
                delete.setString(3, c.owner());
                delete.executeUpdate();
            }
        }
    }

    @Override
    public synchronized void released(String deviceId, String point, String owner) {
        try (PreparedStatement d = db.prepareStatement(DELETE_ONE)) {
            d.setString(1, deviceId);
            d.setString(2, point);
            d.setString(3, owner);
            d.executeUpdate();
        } catch (SQLException e) {
            LOG.warn("control: cannot drop the override {} of {}.{} from {}: {}", owner, deviceId, point, file,
                    e.getMessage());
        }
    }

    @Override
    public synchronized List<PointClaim> live(long now) {
        List<PointClaim> claims = new ArrayList<>();
        try (PreparedStatement ended = db.prepareStatement("DELETE FROM override WHERE until <= ?");
                PreparedStatement q = db.prepareStatement("SELECT device, point, owner, kind, value, until"
                        + " FROM override ORDER BY rowid")) {
            ended.setLong(1, now);
            ended.executeUpdate();
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    Object value = switch (r.getString(4)) {
                        case "Boolean" -> Boolean.valueOf(r.getString(5));
                        case "Long" -> Long.valueOf(r.getString(5));
                        default -> Double.valueOf(r.getString(5));
                    };
                    claims.add(new PointClaim(r.getString(1), r.getString(2), value, ControlSource.OVERRIDE,
                            r.getString(3), r.getLong(6)));
                }
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warn("control: cannot read the IOC overrides kept in {}: {}", file, e.getMessage());
        }
        return claims;
    }

    @Override
    public synchronized void close() {
        try {
            db.close();
        } catch (SQLException e) {
            LOG.debug("closing the override store", e);
        }
    }
}
