package org.cityedge.console.security;

import java.security.SecureRandom;
import java.util.Objects;
import java.util.function.BiPredicate;
import java.util.function.LongSupplier;

/**
 * Everything the console checks a caller against, in one place: the password hash, the lockout, the sessions and
 * the CLI token. Reconfigured live from the component's configuration.
 */
public final class ConsoleSecurity {

    private final PasswordHasher hasher;
    private final BiPredicate<String, String> verifier;
    private final LoginThrottle throttle;
    private final SessionStore sessions;
    private volatile String passwordHash = "";
    private volatile CliToken cliToken;
    // a password being set through the console, and the session that sets it (kept when its hash arrives)
    private String settingHash;
    private String settingSessionId;

    public ConsoleSecurity(LongSupplier clock, SecureRandom random, PasswordHasher hasher) {
        this(clock, random, hasher, PasswordHasher::verify);
    }

    /** @param verifier checks a password against the stored hash (tests slow it down or count it) */
    public ConsoleSecurity(LongSupplier clock, SecureRandom random, PasswordHasher hasher,
            BiPredicate<String, String> verifier) {
        this.hasher = hasher;
        this.verifier = verifier;
        this.throttle = new LoginThrottle(clock);
        this.sessions = new SessionStore(clock, random);
    }

    /**
     * Applies the configuration. A password hash different from the one in use logs every session out (it was
     * changed from elsewhere, e.g. an import or the CLI), except the session that is setting exactly that hash
     * through the console ({@link #passwordChanging}): ConfigAdmin may deliver it before the console hears back.
     */
    public synchronized void configure(String hash, int sessionMinutes, int maxFailures, int lockoutMinutes) {
        String h = hash == null ? "" : hash.strip();
        if (!Objects.equals(h, passwordHash)) {
            passwordHash = h;
            sessions.removeAllExcept(h.equals(settingHash) ? settingSessionId : null);
        }
        sessions.idleTimeout(Math.max(1, sessionMinutes) * 60_000L);
        throttle.configure(maxFailures, Math.max(1, lockoutMinutes) * 60_000L);
    }

    /** A password is about to be set through the console by this session (null: the CLI), before it is stored. */
    public synchronized void passwordChanging(String hash, String keepSessionId) {
        settingHash = hash;
        settingSessionId = keepSessionId;
    }

    /**
     * A password set through the console was stored (applied true) or refused. Stored: it takes effect at once and
     * every other session ends (unless the configuration brought it first, which did the same).
     */
    public synchronized void passwordChanged(String hash, String keepSessionId, boolean applied) {
        if (Objects.equals(hash, settingHash)) {
            settingHash = null;
            settingSessionId = null;
        }
        if (applied && !Objects.equals(hash, passwordHash)) {
            passwordHash = hash;
            sessions.removeAllExcept(keepSessionId);
        }
    }

    public boolean passwordSet() {
        return !passwordHash.isEmpty();
    }

    /** True when the password matches the one set (false when none is set or the stored hash is malformed). */
    public boolean passwordMatches(String password) {
        String h = passwordHash;
        return !h.isEmpty() && verifier.test(password, h);
    }

    /** True when a hash is set but cannot be read: nobody can log in until a new password is set. */
    public boolean passwordHashBroken() {
        String h = passwordHash;
        return !h.isEmpty() && !PasswordHasher.wellFormed(h);
    }

    public PasswordHasher hasher() {
        return hasher;
    }

    public LoginThrottle throttle() {
        return throttle;
    }

    public SessionStore sessions() {
        return sessions;
    }

    public void cliToken(CliToken token) {
        cliToken = token;
    }

    /** True when the presented bearer token is the current CLI token. */
    public boolean cliTokenMatches(String presented) {
        CliToken t = cliToken;
        return t != null && t.matches(presented);
    }
}
