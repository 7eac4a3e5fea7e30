package org.cityedge.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The stored hashes the console refuses, as provisioning hears of them (before anything is written). */
class ConsoleSettingCheckTest {

    private static final String SALT = "c2FsdHNhbHRzYWx0c2FsdA=="; // 16 bytes
    private static final String HASH_32 = "aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g=";
    private final ConsoleSettingCheck check = new ConsoleSettingCheck();

    @Test
    void refusesPasswordHashesTheConsoleWouldRefuse() {
        Map<String, String> bad = Map.of(
                "pbkdf2-sha256$500$" + SALT + "$" + HASH_32, "500 iterations",
                "pbkdf2-sha256$10000001$" + SALT + "$" + HASH_32, "10000001 iterations",
                "pbkdf2-sha256$0$" + SALT + "$" + HASH_32, "0 iterations",
                "pbkdf2-sha256$210000$c2FsdHNhbHQ=$" + HASH_32, "salt is 8 bytes",
                "pbkdf2-sha256$210000$" + SALT + "$aGFzaGhhc2g=", "is 8 bytes",
                "pbkdf2-sha256$210000$" + SALT + "$" + HASH_32.repeat(2), "not a password hash",
                "pbkdf2-sha256$210000$" + SALT + "$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNo",
                "is 48 bytes",
                "plain-text-password", "not a password hash");
        bad.forEach((hash, why) -> assertThat(check.problem("passwordHash", hash)).as(hash).contains(why)
                .doesNotContain(HASH_32));
        for (String good : List.of("pbkdf2-sha256$1000$" + SALT + "$" + HASH_32,
                "pbkdf2-sha256$10000000$c2FsdHNhbHRzYWx0c2FsdHNhbHRzYWx0$" + HASH_32)) { // a 24-byte salt
            assertThat(check.problem("passwordHash", good)).as(good).isNull();
        }
    }

    @Test
    void otherSettingsAndAnUnsetHashAreNotItsConcern() {
        assertThat(check.problem("passwordHash", "")).isNull();
        assertThat(check.problem("port", "not checked here")).isNull();
    }
}
