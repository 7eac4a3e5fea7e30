package org.cityedge.console.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTokenTest {

    @TempDir
    Path state;

    @Test
    void writesAFreshTokenReadableByTheOwnerOnly() throws Exception {
        CliToken first = CliToken.create(state, new SecureRandom());
        Path file = state.resolve("console/cli-token");
        String written = Files.readString(file).strip();

        assertThat(first.file()).isEqualTo(file);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(written).hasSize(43);
        assertThat(first.matches(written)).isTrue();
        assertThat(first.matches(written + "\n")).isTrue();
        assertThat(first.matches(written.substring(1))).isFalse();
        assertThat(first.matches(null)).isFalse();

        CliToken second = CliToken.create(state, new SecureRandom());
        String rewritten = Files.readString(file).strip();
        assertThat(rewritten).as("new at every start").isNotEqualTo(written);
        assertThat(second.matches(written)).isFalse();
        assertThat(Files.list(state.resolve("console"))).as("no temporary file left").hasSize(1);

        second.delete();
        assertThat(file).doesNotExist();
    }
}
