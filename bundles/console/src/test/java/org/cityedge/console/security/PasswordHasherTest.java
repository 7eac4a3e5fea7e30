package org.cityedge.console.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Base64;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    private final PasswordHasher fast = new PasswordHasher(new SecureRandom(), 1_000);

    @Test
    void productionHashUses210000IterationsA16ByteSaltAndVerifies() {
        String stored = new PasswordHasher(new SecureRandom()).hash("correct horse battery");

        String[] parts = stored.split("\\$");
        assertThat(parts).hasSize(4);
        assertThat(parts[0]).isEqualTo("pbkdf2-sha256");
        assertThat(parts[1]).isEqualTo("210000");
        assertThat(Base64.getDecoder().decode(parts[2])).hasSize(16);
        assertThat(Base64.getDecoder().decode(parts[3])).hasSize(32);
        assertThat(PasswordHasher.verify("correct horse battery", stored)).isTrue();
        assertThat(PasswordHasher.verify("correct horse batterY", stored)).isFalse();
    }

    @Test
    void samePasswordGivesDifferentHashesBecauseOfTheSalt() {
        String a = fast.hash("same password");
        String b = fast.hash("same password");

        assertThat(a).isNotEqualTo(b);
        assertThat(PasswordHasher.verify("same password", a)).isTrue();
        assertThat(PasswordHasher.verify("same password", b)).isTrue();
    }

    @Test
    void malformedOrHostileStoredHashesNeverVerify() {
        String good = fast.hash("a password");
        String[] parts = good.split("\\$");

        assertThat(PasswordHasher.verify("a password", "")).isFalse();
        assertThat(PasswordHasher.verify("a password", null)).isFalse();
        assertThat(PasswordHasher.verify("a password", "plain text")).isFalse();
        assertThat(PasswordHasher.verify("a password", "md5$1000$" + parts[2] + "$" + parts[3])).isFalse();
        assertThat(PasswordHasher.verify("a password", "pbkdf2-sha256$x$" + parts[2] + "$" + parts[3])).isFalse();
        // an iteration count that would hang a login is refused before any work
        assertThat(PasswordHasher.verify("a password", "pbkdf2-sha256$2000000000$" + parts[2] + "$" + parts[3]))
                .isFalse();
        assertThat(PasswordHasher.verify("a password", "pbkdf2-sha256$1000$" + parts[2] + "$AAAA")).isFalse();
        assertThat(PasswordHasher.verify(null, good)).isFalse();
        assertThat(PasswordHasher.wellFormed(good)).isTrue();
        assertThat(PasswordHasher.wellFormed("pbkdf2-sha256$1000$!!$??")).isFalse();
    }

    @Test
    void newPasswordsNeedTenCharacters() {
        assertThat(PasswordHasher.problem("123456789")).contains("at least 10");
        assertThat(PasswordHasher.problem(null)).contains("at least 10");
        assertThat(PasswordHasher.problem("1234567890")).isNull();
        assertThat(PasswordHasher.problem("x".repeat(1025))).contains("at most");
    }

    @Test
    void refusesIterationCountsOutsideTheBounds() {
        assertThatThrownBy(() -> new PasswordHasher(new SecureRandom(), 10))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
