package org.cityedge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.cityedge.cli.Cli.Result;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Help and wrong use: never a request, exit 0 for help and 2 for a usage error. */
class UsageTest {

    @ParameterizedTest
    @ValueSource(strings = { "identity show", "identity set", "ioc show", "ioc set", "tls csr", "tls install",
            "tls show", "trust set", "console password", "console listen", "config show", "config set", "scan",
            "assign", "remove", "test", "status", "export", "import" })
    void everyCommandHasHelpWithAnExample(String command) {
        List<String> args = new java.util.ArrayList<>(List.of(command.split(" ")));
        args.add("--help");

        Result r = Cli.run(Map.of(), args.toArray(String[]::new));

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("Usage: cityedge provision " + command).containsPattern("Examples?:")
                .contains("cityedge provision " + command.split(" ")[0]);
    }

    @Test
    void rootHelpListsCommandsAndExitCodes() {
        Result r = Cli.run(Map.of(), "--help");

        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("identity", "scan", "export", "import", "CITYEDGE_GATEWAY")
                .contains("3  gateway unreachable or not authorised");
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "identity", "frobnicate", "status --colour", "test", "test sl-1 --dim 140",
            "test sl-1 --seconds 5", "test sl-1 --dim 10 --blink 2", "remove", "console listen --interface eth1 --port 0",
            "config set org.cityedge.x", "export" })
    void wrongUseIsExit2WithTheUsage(String command) {
        Result r = Cli.run(Map.of("CITYEDGE_GATEWAY", "http://127.0.0.1:9"),
                command.isEmpty() ? new String[0] : command.split(" "));

        assertThat(r.code()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).containsAnyOf("Usage: cityedge provision", "Did you mean").doesNotContain("Exception");
    }
}
