package org.cityedge.console.security;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Console sessions in memory: random 32-byte ids, a CSRF token each, idle expiry, and at most
 * {@link #MAX_SESSIONS} live ones (the least recently used goes first). A restart logs everybody out, which is
 * what a gateway that was just reconfigured or updated should do.
 */
public final class SessionStore {

    public static final int MAX_SESSIONS = 16;
    static final int TOKEN_BYTES = 32;

    /** A logged-in browser. */
    public record Session(String id, String csrfToken) {
        @Override
        public String toString() {
            return "Session[***]"; // never in a log
        }
    }

    private static final class Entry {
        final Session session;
        long lastUsed;

        Entry(Session session, long lastUsed) {
            this.session = session;
            this.lastUsed = lastUsed;
        }
    }

    private final LongSupplier clock;
    private final SecureRandom random;
    private final Map<String, Entry> sessions = new LinkedHashMap<>(32, 0.75f, true);
    private long idleMs = 30 * 60_000L;

    public SessionStore(LongSupplier clock, SecureRandom random) {
        this.clock = clock;
        this.random = random;
    }

    public synchronized void idleTimeout(long ms) {
        idleMs = Math.max(1, ms);
    }

    /** A new session; the least recently used one is dropped when there are too many. */
    public synchronized Session create() {
        long now = clock.getAsLong();
        dropExpired(now);
        Iterator<String> eldest = sessions.keySet().iterator();
        while (sessions.size() >= MAX_SESSIONS && eldest.hasNext()) {
            eldest.next();
            eldest.remove();
        }
        Session s = new Session(token(), token());
        sessions.put(s.id(), new Entry(s, now));
        return s;
    }

    /** The live session with this id, its idle time restarted; empty when unknown or expired. */
    public synchronized Optional<Session> touch(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Entry e = sessions.get(id);
        long now = clock.getAsLong();
        if (e == null) {
            return Optional.empty();
        }
        if (now - e.lastUsed >= idleMs) {
            sessions.remove(id);
            return Optional.empty();
        }
        e.lastUsed = now;
        return Optional.of(e.session);
    }

    public synchronized void remove(String id) {
        if (id != null) {
            sessions.remove(id);
        }
    }

    /** Logs out every session but one (null: all), e.g. after a password change. */
    public synchronized void removeAllExcept(String id) {
        sessions.keySet().removeIf(k -> !k.equals(id));
    }

    /** Live sessions. */
    public synchronized int size() {
        dropExpired(clock.getAsLong());
        return sessions.size();
    }

    private void dropExpired(long now) {
        sessions.values().removeIf(e -> now - e.lastUsed >= idleMs);
    }

    private String token() {
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
