package org.cityedge.console.security;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * Login lockout per remote address: after {@code maxFailures} wrong passwords within the window the address is
 * locked out for the lockout time, even for the right password. A password check is slow (PBKDF2, one at a time), so
 * an attempt is counted as pending before it is checked: concurrent logins from one address are admitted only while
 * failures plus pending checks stay below {@code maxFailures}, and a lockout set while a check ran wins over its
 * match. The table is bounded ({@link #MAX_ADDRESSES}): when full, addresses with nothing left to remember go first,
 * then the least recently seen that is not locked out.
 */
public final class LoginThrottle {

    public static final int MAX_ADDRESSES = 256;
    /** Retry-After of a login refused because {@code maxFailures} checks from its address are under way. */
    public static final long BUSY_RETRY_MS = 1_000;

    /**
     * The answer to a failed login.
     *
     * @param attemptsLeft wrong passwords the address may still give before the lockout
     * @param lockedForMs  how long the address is locked out from now; 0 when it is not
     */
    public record Verdict(int attemptsLeft, long lockedForMs) {
    }

    /**
     * One login's turn: {@link #admitted()} or not (then {@link #waitMs()} says for how long, and
     * {@link #lockedOut()} whether the address is locked out rather than busy with {@code maxFailures} checks).
     * An admitted attempt ends with {@link #failed()} or {@link #succeeded()}; closing it without either (the check
     * threw) just withdraws it.
     */
    public final class Attempt implements AutoCloseable {
        private final String address;
        private final long waitMs;
        private final boolean lockedOut;
        private boolean open;

        private Attempt(String address, long waitMs, boolean lockedOut) {
            this.address = address;
            this.waitMs = waitMs;
            this.lockedOut = lockedOut;
            this.open = waitMs == 0;
        }

        public boolean admitted() {
            return waitMs == 0;
        }

        /** How long to wait before trying again; 0 when admitted. */
        public long waitMs() {
            return waitMs;
        }

        /** True when refused because the address is locked out (false: too many checks under way). */
        public boolean lockedOut() {
            return lockedOut;
        }

        /** The password was wrong: counted. */
        public Verdict failed() {
            synchronized (LoginThrottle.this) {
                end();
                return failure(address);
            }
        }

        /**
         * The password was right. The address starts afresh unless a lockout was set while the check ran.
         *
         * @return how long the address is still locked out; 0 when the login may go ahead
         */
        public long succeeded() {
            synchronized (LoginThrottle.this) {
                end();
                long now = clock.getAsLong();
                Entry e = entries.get(address);
                if (e == null) {
                    return 0;
                }
                if (e.lockedUntil > now) {
                    return e.lockedUntil - now;
                }
                e.failures.clear();
                if (e.pending == 0) {
                    entries.remove(address);
                }
                return 0;
            }
        }

        @Override
        public void close() {
            synchronized (LoginThrottle.this) {
                end();
            }
        }

        private void end() {
            if (open) {
                open = false;
                Entry e = entries.get(address);
                if (e != null && e.pending > 0) {
                    e.pending--;
                }
            }
        }
    }

    private static final class Entry {
        final ArrayDeque<Long> failures = new ArrayDeque<>();
        long lockedUntil;
        /** Admitted attempts whose password is being checked. */
        int pending;
    }

    private final LongSupplier clock;
    private final Map<String, Entry> entries = new LinkedHashMap<>(32, 0.75f, true);
    private int maxFailures = 5;
    private long windowMs = 15 * 60_000L;

    public LoginThrottle(LongSupplier clock) {
        this.clock = clock;
    }

    /** New limits; what was counted under the old ones is forgotten. */
    public synchronized void configure(int maxFailures, long windowMs) {
        if (maxFailures != this.maxFailures || windowMs != this.windowMs) {
            entries.clear();
        }
        this.maxFailures = Math.max(1, maxFailures);
        this.windowMs = Math.max(1, windowMs);
    }

    /**
     * Asks for a login's turn, before the password is checked: refused while the address is locked out, or while
     * its failures in the window plus the checks under way reach {@code maxFailures}; else counted as pending.
     */
    public synchronized Attempt attempt(String address) {
        long now = clock.getAsLong();
        Entry e = entry(address, now);
        if (e.lockedUntil > now) {
            return new Attempt(address, e.lockedUntil - now, true);
        }
        forgetOld(e, now);
        if (e.failures.size() + e.pending >= maxFailures) {
            return new Attempt(address, BUSY_RETRY_MS, false);
        }
        e.pending++;
        return new Attempt(address, 0, false);
    }

    private Entry entry(String address, long now) {
        Entry e = entries.get(address);
        if (e == null) {
            makeRoom(now);
            e = new Entry();
            entries.put(address, e);
        }
        return e;
    }

    /** How long the address stays locked out; 0 when it may try. */
    public synchronized long lockedForMs(String address) {
        Entry e = entries.get(address);
        long now = clock.getAsLong();
        return e == null || e.lockedUntil <= now ? 0 : e.lockedUntil - now;
    }

    /** Counts a wrong password (of an attempt, or directly in tests). */
    synchronized Verdict failure(String address) {
        long now = clock.getAsLong();
        Entry e = entry(address, now);
        if (e.lockedUntil > now) {
            return new Verdict(0, e.lockedUntil - now);
        }
        forgetOld(e, now);
        e.failures.addLast(now);
        if (e.failures.size() >= maxFailures) {
            e.failures.clear();
            e.lockedUntil = now + windowMs;
            return new Verdict(0, windowMs);
        }
        return new Verdict(maxFailures - e.failures.size(), 0);
    }

    /** Addresses remembered. */
    public synchronized int size() {
        return entries.size();
    }

    private void forgetOld(Entry e, long now) {
        while (!e.failures.isEmpty() && e.failures.peekFirst() <= now - windowMs) {
            e.failures.removeFirst();
        }
    }

    private void makeRoom(long now) {
        if (entries.size() < MAX_ADDRESSES) {
            return;
        }
        for (Iterator<Entry> it = entries.values().iterator(); it.hasNext();) {
            Entry e = it.next();
            forgetOld(e, now);
            if (e.lockedUntil <= now && e.failures.isEmpty() && e.pending == 0) {
                it.remove();
            }
        }
        // then the least recently seen that is not locked out, and a locked one only when all are
        evictEldest(e -> e.lockedUntil <= now && e.pending == 0);
        evictEldest(e -> e.lockedUntil <= now);
        evictEldest(e -> true);
    }

    private void evictEldest(Predicate<Entry> which) {
        for (Iterator<Entry> it = entries.values().iterator(); entries.size() >= MAX_ADDRESSES && it.hasNext();) {
            if (which.test(it.next())) {
                it.remove();
            }
        }
    }
}
