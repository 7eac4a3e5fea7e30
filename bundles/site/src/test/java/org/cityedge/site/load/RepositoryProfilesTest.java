package org.cityedge.site.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.cityedge.api.profile.AddressRange;
import org.cityedge.api.profile.DataType;
import org.cityedge.api.profile.DeviceKind;
import org.cityedge.api.profile.DeviceProfile;
import org.cityedge.api.profile.Endian;
import org.cityedge.api.profile.PointDefinition;
import org.cityedge.api.profile.RegisterTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The build-time validation of device-profiles/: every profile there loads cleanly and means what it says. */
class RepositoryProfilesTest {

    static Stream<Path> profileFiles() throws IOException {
        return Files.list(TestFiles.PROFILES).filter(p -> p.toString().endsWith(".yaml")).sorted();
    }

    @ParameterizedTest
    @MethodSource("profileFiles")
    void everyProfileInTheRepositoryLoadsWithoutProblems(Path file, @TempDir Path dir)
            throws IOException {
        Files.copy(file, dir.resolve(file.getFileName()));

        ProfileLoadResult result = SiteFiles.loadProfiles(List.of(dir));

        assertThat(result.problems()).isEmpty();
        String id = file.getFileName().toString().replace(".yaml", "");
        assertThat(result.profiles()).containsKey(id);
        assertThat(result.profiles().get(id).source()).isEqualTo(dir.resolve(file.getFileName()).toString());
    }

    @Test
    void builtInProfilesAreFoundOnTheClassPath() throws IOException {
        ProfileLoadResult result = SiteFiles.loadProfiles(List.of());

        assertThat(result.problems()).isEmpty();
        Set<String> ids = new TreeSet<>();
        profileFiles().forEach(p -> ids.add(p.getFileName().toString().replace(".yaml", "")));
        assertThat(result.profiles().keySet()).containsExactlyInAnyOrderElementsOf(ids).hasSizeGreaterThanOrEqualTo(6);
        assertThat(result.profiles().get("saigon-slc-110").source()).isEqualTo("builtin/saigon-slc-110.yaml");
    }

    @Test
    void everyKindOfDeviceIsCovered() {
        Set<DeviceKind> kinds = new TreeSet<>();
        SiteFiles.loadProfiles(List.of()).profiles().values().forEach(p -> kinds.add(p.kind()));
        assertThat(kinds).contains(DeviceKind.STREETLIGHT_CONTROLLER, DeviceKind.CABINET_CONTROLLER,
                DeviceKind.AIR_QUALITY, DeviceKind.WATER_QUALITY, DeviceKind.WATER_LEVEL);
    }

    @Test
    void streetlightControllerMapsDimmingSwitchingAndFaults() {
        DeviceProfile slc = builtin("saigon-slc-110");

        PointDefinition dim = slc.point("dimLevel").orElseThrow();
        assertThat(dim.table()).isEqualTo(RegisterTable.HOLDING);
        assertThat(dim.writable()).isTrue();
        assertThat(dim.unit()).isEqualTo("%");
        assertThat(dim.inRange(101)).isFalse();
        assertThat(slc.point("powerState").orElseThrow().table()).isEqualTo(RegisterTable.COIL);
        assertThat(slc.point("activeEnergy").orElseThrow().type()).isEqualTo(DataType.UINT32);
        PointDefinition faults = slc.point("lampFailure").orElseThrow();
        assertThat(faults.type()).isEqualTo(DataType.BITFIELD);
        assertThat(faults.bits()).containsEntry(0, "lampFailure").containsEntry(4, "supplyLoss");
        assertThat(slc.command("dim").orElseThrow().writes()).singleElement()
                .satisfies(w -> assertThat(w.point()).isEqualTo("dimLevel"))
                .satisfies(w -> assertThat(w.param()).isEqualTo("level"));
        assertThat(slc.command("switch").orElseThrow().writes().get(0).param()).isEqualTo("on");
        assertThat(slc.identification().signatures()).singleElement()
                .satisfies(s -> assertThat(s.value()).isEqualTo(0x5C6E));
    }

    @Test
    void awkwardDeviceKeepsItsWireQuirks() {
        DeviceProfile dws = builtin("delta-dws3");

        assertThat(dws.limits().maxReadRegisters()).isEqualTo(8);
        assertThat(dws.limits().interFrameDelayMs()).isEqualTo(20);
        assertThat(dws.limits().forbidden()).containsExactly(new AddressRange(RegisterTable.HOLDING, 16, 19));
        PointDefinition wind = dws.point("windSpeed").orElseThrow();
        assertThat(wind.type()).isEqualTo(DataType.FLOAT32);
        assertThat(wind.wordOrder()).isEqualTo(Endian.LITTLE);
        assertThat(wind.byteOrder()).isEqualTo(Endian.BIG);
        PointDefinition temperature = dws.point("temperature").orElseThrow();
        assertThat(temperature.type()).isEqualTo(DataType.INT16);
        assertThat(temperature.scale()).isEqualTo(0.01);
        assertThat(dws.point("precipitation").orElseThrow().wordOrder()).isEqualTo(Endian.LITTLE);
        assertThat(dws.point("operatingMode").orElseThrow().enumValues()).containsEntry(3L, "fault");
        assertThat(dws.point("statusFlags").orElseThrow().type()).isEqualTo(DataType.BITFIELD);
        assertThat(dws.identification().vendorName()).isNull();
    }

    @Test
    void commandWithAConstantCarriesTheValue() {
        DeviceProfile wq = builtin("cuulong-wq5");

        assertThat(wq.command("cleanWiper").orElseThrow().writes()).singleElement()
                .satisfies(w -> assertThat(w.constant()).isEqualTo(1.0))
                .satisfies(w -> assertThat(w.param()).isNull());
    }

    @Test
    void everyPointNameIsDocumentedInTheReadme() throws IOException {
        String readme = Files.readString(TestFiles.PROFILES.resolve("README.md"));
        Set<String> undocumented = new TreeSet<>();
        for (DeviceProfile profile : SiteFiles.loadProfiles(List.of()).profiles().values()) {
            for (PointDefinition p : profile.points()) {
                Stream.concat(Stream.of(p.name()), p.bits().values().stream())
                        .filter(name -> !readme.contains("| `" + name + "` |"))
                        .forEach(undocumented::add);
            }
        }
        assertThat(undocumented).as("point names missing from the README's table").isEmpty();
    }

    private static DeviceProfile builtin(String id) {
        return SiteFiles.loadProfiles(List.of()).profiles().get(id);
    }
}
