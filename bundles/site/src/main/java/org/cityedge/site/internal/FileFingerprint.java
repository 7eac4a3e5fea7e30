package org.cityedge.site.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Modification time and size of the site file and of every profile file in the extra directories. Two equal
 * fingerprints mean nothing worth reloading changed; a file appearing or disappearing changes it too.
 */
record FileFingerprint(Map<String, String> files) {

    static FileFingerprint of(Path siteFile, List<Path> profileDirs) {
        Map<String, String> files = new TreeMap<>();
        files.put(siteFile.toString(), stamp(siteFile));
        for (Path dir : profileDirs) {
            files.put(dir.toString(), Files.isDirectory(dir) ? "dir" : "absent");
            if (Files.isDirectory(dir)) {
                try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "*.yaml")) {
                    stream.forEach(f -> files.put(f.toString(), stamp(f)));
                } catch (IOException e) {
                    files.put(dir.toString(), "unlistable");
                }
            }
        }
        return new FileFingerprint(files);
    }

    private static String stamp(Path file) {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return a.lastModifiedTime().toMillis() + ":" + a.size();
        } catch (IOException e) {
            return "absent";
        }
    }
}
