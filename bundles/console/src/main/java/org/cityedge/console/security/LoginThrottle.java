package org.cityedge.console.security;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * Login lockout per remote address: after {@code maxFailures} wrong passwords within the window the address is
 * locked out for the lockout time, even for the right password. The table is bounded ({@link #MAX_ADDRESSES}):
 * when full, addresses with nothing left to remember go first, then the least recently seen that is not locked out.
 */
public final class LoginThrottle {

    public static final int MAX_ADDRESSES = 256;

    /**
     * The answer to a failed login.
     *
     * @param attemptsLeft wrong passwords the address may still give before the lockout
     * @param lockedForMs  how long the address is locked out from now; 0 when it is not
     */
    public record Verdict(int attemptsLeft, long lockedForMs) {
    }

    private static final class Entry {
        final ArrayDeque<Long> failures = new ArrayDeque<>();
        long lockedUntil;
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

    /** How long the address stays locked out; 0 when it may try. */
    public synchronized long lockedForMs(String address) {
        Entry e = entries.get(address);
        long now = clock.getAsLong();
        return e == null || e.lockedUntil <= now ? 0 : e.lockedUntil - now;
    }

    /** Counts a wrong password. */
    public synchronized Verdict failure(String address) {
        long now = clock.getAsLong();
        Entry e = entries.get(address);
        if (e == null) {
            makeRoom(now);
            e = new Entry();
            entries.put(address, e);
        }
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

    /** A right password: the address starts afresh. */
    public synchronized void success(String address) {
        entries.remove(address);
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
            if (e.lockedUntil <= now && e.failures.isEmpty()) {
                it.remove();
            }
        }
        // then the least recently seen that is not locked out, and a locked one only when all are
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
