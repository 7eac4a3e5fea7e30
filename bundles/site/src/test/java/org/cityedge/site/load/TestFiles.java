package org.cityedge.site.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Paths of the repository's real files and of the test fixtures. */
final class TestFiles {

    /** The module runs its tests from bundles/site. */
    static final Path REPOSITORY = Path.of("../..").toAbsolutePath().normalize();
    static final Path PROFILES = REPOSITORY.resolve("device-profiles");
    static final Path DEMO_SITE = REPOSITORY.resolve("deploy/demo/site.yaml");
    static final Path FIXTURES = Path.of("src/test/resources").toAbsolutePath();

    private TestFiles() {
    }

    static Path fixture(String name) {
        return FIXTURES.resolve(name);
    }

    /** Copies one fixture alone into {@code dir}, so a test loads exactly that file. */
    static Path copy(String fixture, Path dir) {
        Path source = fixture(fixture);
        try {
            return Files.copy(source, dir.resolve(source.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
