package org.cityedge.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.cityedge.cli.scan.ScanPlan;
import org.cityedge.cli.text.Formats;
import org.cityedge.cli.text.Table;
import org.junit.jupiter.api.Test;

/** Column alignment, the figures people read, and the scan's wait bound. */
class TextTest {

    @Test
    void tableAlignsColumnsAndPrintsAbsentCellsAsDash() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Table.withHeader("ID", "STATE", "ERRORS").row("sl-001", "ONLINE", null).row("cab-001-long", "", "crc 1")
                .print(new PrintStream(bytes, true, StandardCharsets.UTF_8));

        assertThat(bytes.toString(StandardCharsets.UTF_8).lines()).containsExactly(
                "ID            STATE   ERRORS",
                "sl-001        ONLINE  -",
                "cab-001-long  -       crc 1");
    }

    @Test
    void durationsSizesAndLineSettings() {
        assertThat(Formats.duration(850)).isEqualTo("850 ms");
        assertThat(Formats.duration(42_000)).isEqualTo("42 s");
        assertThat(Formats.duration(185_000)).isEqualTo("3m 05s");
        assertThat(Formats.duration(7_800_000)).isEqualTo("2h 10m");
        assertThat(Formats.bytes(3_400)).isEqualTo("3.4 kB");
        assertThat(Formats.lineSetting(9600, "EVEN", 1)).isEqualTo("9600 8E1");
        assertThat(Formats.lineSetting(19200, "none", 2)).isEqualTo("19200 8N2");
    }

    @Test
    void scanBoundGrowsWithTheRangeAndTheLineSettingsTried() {
        Duration one = ScanPlan.bus("b", 1, 1, null, false, 0).maxWait();
        Duration all = ScanPlan.bus("b", 1, 247, null, false, 0).maxWait();
        Duration auto = ScanPlan.bus("b", 1, 247, null, true, 0).maxWait();
        Duration hosts = ScanPlan.hosts("10.0.0.10", "10.0.0.40", 502, List.of(1, 255), 500).maxWait();

        assertThat(one).isGreaterThan(Duration.ofSeconds(60));
        assertThat(all).isGreaterThan(Duration.ofMillis(247 * 1_000L)).isLessThan(Duration.ofMinutes(15));
        assertThat(auto).isGreaterThan(all.multipliedBy(6));
        assertThat(hosts).isEqualTo(Duration.ofSeconds(60).plusMillis(2L * 31 * 2 * 500));
    }

    @Test
    void ipv4Ranges() {
        assertThat(ScanPlan.ipv4("10.0.0.40") - ScanPlan.ipv4("10.0.0.10")).isEqualTo(30);
        assertThat(ScanPlan.ipv4("10.0.1.0") - ScanPlan.ipv4("10.0.0.255")).isEqualTo(1);
        assertThatThrownBy(() -> ScanPlan.ipv4("10.0.0")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ScanPlan.ipv4("10.0.0.x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ScanPlan.ipv4("gateway.local")).isInstanceOf(IllegalArgumentException.class);
    }
}
