package org.cityedge.control.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;

/** The component's start: what it opens, and what it falls back to. */
class CommandHandlerComponentTest {

    @TempDir
    Path dir;

    private static <T> T stub(Class<T> type, java.util.function.Function<String, Object> answers) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (p, m, args) -> {
            Object answer = answers.apply(m.getName());
            if (answer != null) {
                return answer;
            }
            if (m.getDefaultValue() != null) {
                return m.getDefaultValue();
            }
            if (m.getName().equals("getProperty")) {
                return null;
            }
            throw new UnsupportedOperationException(m.getName());
        }));
    }

    @Test
    void anOverrideStoreThatCannotOpenLeavesTheDurableJournalInUse() throws Exception {
        Path file = dir.resolve("commands.db");
        Files.createDirectories(dir);
        try (Connection db = SqliteJournal.connect(file); Statement s = db.createStatement()) {
            // the override table cannot be created next to an index of that name; the journal's tables can
            s.execute("CREATE TABLE other(x)");
            s.execute("CREATE INDEX override ON other(x)");
        }
        CommandConfig config = stub(CommandConfig.class, m -> m.equals("journalPath") ? file.toString() : null);
        CommandHandlerComponent component = new CommandHandlerComponent();
        component.activate(stub(BundleContext.class, m -> null), config);
        try {
            component.handle("{\"id\":\"s-1\",\"action\":\"status\"}".getBytes(StandardCharsets.UTF_8), 0)
                    .toCompletableFuture().get(10, TimeUnit.SECONDS);
        } finally {
            component.deactivate();
        }
        try (Connection db = SqliteJournal.connect(file); Statement s = db.createStatement();
                ResultSet r = s.executeQuery("SELECT id, reply IS NOT NULL FROM command")) {
            assertThat(r.next()).isTrue();
            assertThat(r.getString(1)).isEqualTo("s-1");
            assertThat(r.getBoolean(2)).isTrue();
        }
    }
}
