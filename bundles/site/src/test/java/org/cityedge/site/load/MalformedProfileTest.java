package org.cityedge.site.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.cityedge.api.site.ConfigProblem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each broken profile is rejected whole, with a problem naming its file, line and field. */
class MalformedProfileTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            wrong-type.yaml        | bad-wrong-type    | 12 | points[1].address           | integer expected
            unknown-data-type.yaml | bad-unknown-type  |  9 | points[0].type              | enumeration
            forbidden-overlap.yaml | bad-forbidden     | 16 | points[1].address           | overlaps the forbidden range holding 16..19
            missing-field.yaml     | bad-missing       | 10 | points[1].table             | is required
            bits-on-int.yaml       | bad-bits          | 10 | points[0].bits              | only a bitfield has bits
            command-readonly.yaml  | bad-command       | 16 | commands[0].writes[0].point | not writable
            duplicate-key.yaml     | bad-duplicate-key |  9 | points[0].address           | duplicate key 'address'
            unknown-field.yaml     | bad-unknown-field | 10 | points[0].scaling           | is not a known field
            syntax-error.yaml      | bad-syntax        |  8 | ''                          | not valid YAML
            coap-without-binding.yaml | bad-coap-binding | 10 | points[1].coap           | is required in a coap profile
            coap-with-table.yaml   | bad-coap-table    |  9 | points[0].table             | has no meaning in a coap profile
            senml-without-name.yaml | bad-senml-name   |  9 | points[0].coap.name         | to pick the point out of a SenML pack
            """)
    void brokenProfileIsRejectedWithFileLineAndField(String fixture, String id, int line, String field,
            String message) {
        Path file = TestFiles.copy("bad-profiles/" + fixture, dir);

        ProfileLoadResult result = SiteFiles.loadProfiles(List.of(dir));

        assertThat(result.profiles()).doesNotContainKey(id);
        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo(file.toString());
            assertThat(p.line()).isEqualTo(line);
            assertThat(p.field()).isEqualTo(field);
            assertThat(p.message()).contains(message);
        });
    }

    @Test
    void brokenProfileDoesNotStopTheOthersNorTheBuiltIns() {
        TestFiles.copy("bad-profiles/forbidden-overlap.yaml", dir);
        TestFiles.copy("bad-profiles/wrong-type.yaml", dir);

        ProfileLoadResult result = SiteFiles.loadProfiles(List.of(dir));

        assertThat(result.problems()).hasSize(2);
        assertThat(result.profiles()).containsKeys("saigon-slc-110", "delta-dws3").hasSize(9);
    }

    @Test
    void laterProfileWithTheSameIdReplacesTheBuiltIn() throws Exception {
        String replaced = Files.readString(TestFiles.PROFILES.resolve("saigon-slc-110.yaml"))
                .replace("responseTimeoutMs: 500", "responseTimeoutMs: 900");
        Path file = Files.writeString(dir.resolve("site-override.yaml"), replaced);

        ProfileLoadResult result = SiteFiles.loadProfiles(List.of(dir));

        assertThat(result.problems()).isEmpty();
        assertThat(result.profiles().get("saigon-slc-110").limits().responseTimeoutMs()).isEqualTo(900);
        assertThat(result.profiles().get("saigon-slc-110").source()).isEqualTo(file.toString());
    }

    @Test
    void brokenOverrideLeavesTheBuiltInInPlace() throws Exception {
        String broken = Files.readString(TestFiles.PROFILES.resolve("saigon-slc-110.yaml"))
                .replace("type: bitfield", "type: nibble");
        Files.writeString(dir.resolve("broken-override.yaml"), broken);

        ProfileLoadResult result = SiteFiles.loadProfiles(List.of(dir));

        assertThat(result.problems()).extracting(ConfigProblem::field).containsExactly("points[11].type");
        assertThat(result.profiles().get("saigon-slc-110").source()).isEqualTo("builtin/saigon-slc-110.yaml");
    }

    @Test
    void missingProfileDirectoryIsAProblemNotAFailure() {
        Path missing = dir.resolve("nope");

        ProfileLoadResult result = SiteFiles.loadProfiles(List.of(missing));

        assertThat(result.problems()).singleElement()
                .satisfies(p -> assertThat(p.file()).isEqualTo(missing.toString()))
                .satisfies(p -> assertThat(p.message()).contains("not found"));
        assertThat(result.profiles()).hasSize(9);
    }

    @Test
    void commandWriteNeedsExactlyOneOfParamAndValue() throws Exception {
        Files.writeString(dir.resolve("both.yaml"), """
                id: bad-both
                vendor: Test
                model: B-1
                kind: other
                points:
                  - {name: dimLevel, table: holding, address: 0, type: uint16, access: read-write, min: 0, max: 100}
                commands:
                  - name: dim
                    writes:
                      - {point: dimLevel, param: level, value: 50}
                  - name: full
                    writes:
                      - {point: dimLevel, value: 150}
                """);

        ProfileLoadResult result = SiteFiles.loadProfiles(List.of(dir));

        assertThat(result.profiles()).doesNotContainKey("bad-both");
        assertThat(result.problems()).extracting(ConfigProblem::line, ConfigProblem::field).containsExactly(
                tuple(10, "commands[0].writes[0]"),
                tuple(13, "commands[1].writes[0].value"));
    }

    @Test
    void overlappingPointsAndBitsOnACoilAreRejected() throws Exception {
        Files.writeString(dir.resolve("overlap.yaml"), """
                id: bad-overlap
                vendor: Test
                model: O-1
                kind: other
                points:
                  - {name: energy, table: input, address: 10, type: uint32}
                  - {name: power, table: input, address: 11, type: uint16}
                  - {name: relay, table: coil, address: 0, type: uint16}
                """);

        ProfileLoadResult result = SiteFiles.loadProfiles(List.of(dir));

        assertThat(result.problems()).extracting(ConfigProblem::line, ConfigProblem::field, ConfigProblem::message)
                .containsExactly(
                        tuple(7, "points[1].address",
                                "input 11 overlaps point 'energy' (input 10..11)"),
                        tuple(8, "points[2].type",
                                "a coil holds one bit: the type must be bool"));
    }

    @Test
    void enumStateNamedTwiceIsRejected() throws Exception {
        Files.writeString(dir.resolve("enum.yaml"), """
                id: bad-enum
                vendor: Test
                model: E-1
                kind: other
                points:
                  - name: mode
                    table: holding
                    address: 0
                    type: enum
                    values:
                      0: normal
                      1: normal
                """);

        ProfileLoadResult result = SiteFiles.loadProfiles(List.of(dir));

        assertThat(result.profiles()).doesNotContainKey("bad-enum");
        assertThat(result.problems()).extracting(ConfigProblem::line, ConfigProblem::field)
                .containsExactly(tuple(12, "points[0].values.1"));
    }
}
