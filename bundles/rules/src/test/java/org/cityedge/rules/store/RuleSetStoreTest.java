package org.cityedge.rules.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleSetStoreTest {

    @TempDir
    Path dir;

    private RuleSetStore store() {
        return new RuleSetStore(dir.resolve("rules"));
    }

    @Test
    void keepsDocumentsExactlyWithTheirEnvelopes() throws IOException {
        RuleSetStore store = store();
        String document = "{\"type\":\"ruleset\",\"version\":3,\n \"rules\":[] }";
        store.save(new StoredRuleSet(3, 1000, document, "{\"document\":\"AAA\",\"signature\":\"BBB\"}"));
        store.save(new StoredRuleSet(4, 2000, "{\"version\":4}", null));
        assertThat(store.read(3)).isEqualTo(new StoredRuleSet(3, 1000, document,
                "{\"document\":\"AAA\",\"signature\":\"BBB\"}"));
        assertThat(store.read(4).envelope()).isNull();
        assertThat(store.versions()).containsExactly(4L, 3L);
        assertThat(files()).containsExactly("ruleset-v3.json", "ruleset-v4.json");
    }

    @Test
    void detectsCorruptAndForeignFiles() throws IOException {
        RuleSetStore store = store();
        store.save(new StoredRuleSet(5, 1, "{\"version\":5}", null));
        Path file = dir.resolve("rules/ruleset-v5.json");
        Files.writeString(file, Files.readString(file).replace("5}", "6}"));
        assertThatThrownBy(() -> store.read(5)).hasMessage("ruleset-v5.json is corrupt: its document does not match"
                + " its SHA-256");
        Files.writeString(file, "{\"version\":5, \"document\": ");
        assertThatThrownBy(() -> store.read(5)).hasMessageStartingWith("ruleset-v5.json is not readable JSON");
        Files.writeString(dir.resolve("rules/ruleset-v6.json"), "{\"version\": 7, \"document\": \"x\"}");
        assertThatThrownBy(() -> store.read(6)).hasMessage("ruleset-v6.json is not a stored rule set");
    }

    @Test
    void setAsideVersionsNeverLoadButStillCountAsSeen() throws IOException {
        RuleSetStore store = store();
        for (long v = 1; v <= 4; v++) {
            store.save(new StoredRuleSet(v, v, "{\"version\":" + v + "}", null));
        }
        store.setAside(4, "rolled-back");
        store.setAside(3, "untrusted");
        assertThat(store.versions()).containsExactly(2L, 1L);
        assertThat(store.highestVersion()).isEqualTo(4);

        store.prune(List.of(2L));
        assertThat(files()).containsExactly("ruleset-v2.json", "ruleset-v4.rolled-back.json");
        assertThat(store.highestVersion()).isEqualTo(4);
        store.discard(2);
        assertThat(store.versions()).isEmpty();
    }

    @Test
    void anEmptyOrMissingStoreHoldsNothing() throws IOException {
        assertThat(store().versions()).isEmpty();
        assertThat(store().highestVersion()).isZero();
        Files.createDirectories(dir.resolve("rules"));
        Files.writeString(dir.resolve("rules/ruleset-v9.json.tmp"), "half a file from a power cut");
        Files.writeString(dir.resolve("rules/notes.txt"), "not ours");
        assertThat(store().versions()).isEmpty();
    }

    private List<String> files() throws IOException {
        try (Stream<Path> list = Files.list(dir.resolve("rules"))) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
