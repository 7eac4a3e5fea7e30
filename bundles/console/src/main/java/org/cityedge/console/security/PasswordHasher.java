package org.cityedge.console.security;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * The console password's hash: PBKDF2-HMAC-SHA256 with a 16-byte random salt, stored as
 * {@code pbkdf2-sha256$<iterations>$<salt b64>$<hash b64>} so the iteration count can grow without breaking
 * stored hashes. Verification compares in constant time and runs one derivation at a time: a burst of logins
 * queues instead of pinning every core of a small gateway.
 */
public final class PasswordHasher {

    /** OWASP's 2023 figure for PBKDF2-HMAC-SHA256. */
    public static final int ITERATIONS = 210_000;
    /** Shortest password accepted. */
    public static final int MIN_LENGTH = 10;
    /** Longest password accepted (HMAC hashes longer keys first; the bound only keeps request bodies small). */
    public static final int MAX_LENGTH = 1024;

    static final String SCHEME = "pbkdf2-sha256";
    static final int SALT_BYTES = 16;
    static final int HASH_BITS = 256;
    // Bounds on what a stored hash may ask for: too few is no protection, too many would hang a login.
    static final int MIN_ITERATIONS = 1_000;
    static final int MAX_ITERATIONS = 10_000_000;
    private static final Object ONE_AT_A_TIME = new Object();

    private final SecureRandom random;
    private final int iterations;

    public PasswordHasher(SecureRandom random) {
        this(random, ITERATIONS);
    }

    /** A hasher with another iteration count: tests only, to keep them fast. */
    public PasswordHasher(SecureRandom random, int iterations) {
        if (iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("iterations " + iterations + " out of range");
        }
        this.random = random;
        this.iterations = iterations;
    }

    /** Why a new password is not acceptable, or null. */
    public static String problem(String password) {
        if (password == null || password.length() < MIN_LENGTH) {
            return "at least " + MIN_LENGTH + " characters";
        }
        if (password.length() > MAX_LENGTH) {
            return "at most " + MAX_LENGTH + " characters";
        }
        return null;
    }

    /** The stored form of a new password. */
    public String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] hash = derive(password, salt, iterations);
        Base64.Encoder b64 = Base64.getEncoder();
        return SCHEME + '$' + iterations + '$' + b64.encodeToString(salt) + '$' + b64.encodeToString(hash);
    }

    /** True when the password matches the stored hash; false for a malformed stored hash too. */
    public static boolean verify(String password, String stored) {
        Parsed p = parse(stored);
        if (p == null || password == null) {
            return false;
        }
        byte[] actual = derive(password, p.salt, p.iterations);
        return MessageDigest.isEqual(actual, p.hash);
    }

    /** True when {@code stored} has the format this class writes. */
    public static boolean wellFormed(String stored) {
        return parse(stored) != null;
    }

    /**
     * Why a stored hash would not be accepted (format, iteration bounds, salt and hash sizes), or null; the message
     * never repeats the value. What provisioning asks before it writes {@code passwordHash}.
     */
    public static String storedProblem(String stored) {
        String[] parts = stored == null ? new String[0] : stored.strip().split("\\$", -1);
        if (parts.length != 4 || !parts[0].equals(SCHEME) || !parts[1].matches("\\d{1,9}")) {
            return "not a password hash (expected " + SCHEME + "$<iterations>$<salt base64>$<hash base64>)";
        }
        long iterations = Long.parseLong(parts[1]);
        if (iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) {
            return "the password hash has " + iterations + " iterations; the console accepts " + MIN_ITERATIONS
                    + ".." + MAX_ITERATIONS;
        }
        byte[] salt;
        byte[] hash;
        try {
            salt = Base64.getDecoder().decode(parts[2]);
            hash = Base64.getDecoder().decode(parts[3]);
        } catch (IllegalArgumentException e) {
            return "not a password hash: salt or hash is not base64";
        }
        if (salt.length < SALT_BYTES) {
            return "the password hash's salt is " + salt.length + " bytes; the console needs at least " + SALT_BYTES;
        }
        if (hash.length != HASH_BITS / 8) {
            return "the password hash is " + hash.length + " bytes; PBKDF2-HMAC-SHA256 gives " + HASH_BITS / 8;
        }
        return null;
    }

    private record Parsed(int iterations, byte[] salt, byte[] hash) {
    }

    private static Parsed parse(String stored) {
        if (storedProblem(stored) != null) {
            return null;
        }
        String[] parts = stored.strip().split("\\$");
        Base64.Decoder b64 = Base64.getDecoder();
        return new Parsed(Integer.parseInt(parts[1]), b64.decode(parts[2]), b64.decode(parts[3]));
    }

    private static byte[] derive(String password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, HASH_BITS);
        try {
            synchronized (ONE_AT_A_TIME) {
                return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is missing from this JDK", e);
        } finally {
            spec.clearPassword();
        }
    }
}
