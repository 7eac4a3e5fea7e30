package org.cityedge.site.load;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.cityedge.api.profile.DeviceProfile;
import org.cityedge.api.site.ConfigProblem;
import org.cityedge.api.site.Site;

/**
 * Loads a site file and device profiles into the API records, with a {@link ConfigProblem} for everything wrong.
 * Never throws for bad content: a malformed profile is left out whole, a device or bus with a problem is left out
 * of the site, the rest loads.
 */
public final class SiteFiles {

    private SiteFiles() {
    }

    /**
     * Built-in profiles (packaged in this bundle under profiles/), then each extra directory's *.yaml (a later file
     * with the same id replaces an earlier one), then the site file. Never throws for bad content.
     */
    public static LoadResult load(Path siteFile, List<Path> profileDirs) {
        ProfileLoadResult profiles = loadProfiles(profileDirs);
        LoadResult site = loadSite(siteFile, profiles.profiles());
        List<ConfigProblem> problems = new ArrayList<>(profiles.problems());
        problems.addAll(site.problems());
        return new LoadResult(site.site(), profiles.profiles(), problems);
    }

    /** Built-in profiles, then each directory's {@code *.yaml} in name order; a later id replaces an earlier one. */
    public static ProfileLoadResult loadProfiles(List<Path> profileDirs) {
        Map<String, DeviceProfile> profiles = new LinkedHashMap<>();
        List<ConfigProblem> problems = new ArrayList<>();
        for (BuiltinProfiles.Entry e : BuiltinProfiles.find(SiteFiles.class.getClassLoader())) {
            add(ParsedFile.of(e.displayName(), e.source(), SchemaCheck.PROFILE), profiles, problems);
        }
        for (Path dir : profileDirs) {
            for (Path file : yamlFiles(dir, problems)) {
                add(ParsedFile.of(file, SchemaCheck.PROFILE), profiles, problems);
            }
        }
        return new ProfileLoadResult(profiles, problems);
    }

    /**
     * The site file checked against {@code profiles}. A missing file gives {@link Site#EMPTY} and a problem; a file
     * that cannot be used at all gives a null site (see {@link LoadResult#site()}).
     */
    public static LoadResult loadSite(Path siteFile, Map<String, DeviceProfile> profiles) {
        if (!Files.exists(siteFile)) {
            return new LoadResult(Site.EMPTY, profiles,
                    List.of(Problems.ofFile(siteFile.toString(), 0, "site file not found; running with an empty site")));
        }
        return SiteReader.read(ParsedFile.of(siteFile, SchemaCheck.SITE), profiles);
    }

    private static void add(ParsedFile file, Map<String, DeviceProfile> profiles, List<ConfigProblem> problems) {
        ProfileReader.Outcome outcome = ProfileReader.read(file);
        problems.addAll(outcome.problems());
        if (outcome.profile() != null) {
            profiles.put(outcome.profile().id(), outcome.profile());
        }
    }

    private static List<Path> yamlFiles(Path dir, List<ConfigProblem> problems) {
        if (!Files.isDirectory(dir)) {
            problems.add(Problems.ofFile(dir.toString(), 0, "profile directory not found"));
            return List.of();
        }
        TreeSet<Path> files = new TreeSet<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "*.yaml")) {
            stream.forEach(files::add);
        } catch (IOException e) {
            problems.add(Problems.ofFile(dir.toString(), 0, "cannot list the directory: " + e));
        }
        return List.copyOf(files);
    }
}
