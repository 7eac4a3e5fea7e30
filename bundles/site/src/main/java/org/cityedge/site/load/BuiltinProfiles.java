package org.cityedge.site.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Finds the profiles packaged under {@code profiles/}. The bundle carries {@code profiles/index.txt} (written by
 * bnd at build time) because a bundle's folders cannot be listed through its class loader; an exploded class path
 * (tests, an IDE) or a plain jar without the index is listed directly.
 */
final class BuiltinProfiles {

    static final String FOLDER = "profiles/";
    private static final String INDEX = FOLDER + "index.txt";
    /** Display prefix in problems and {@code DeviceProfile.source()}. */
    static final String SOURCE_PREFIX = "builtin/";

    private BuiltinProfiles() {
    }

    /** A packaged profile: its file name and how to open it. */
    record Entry(String fileName, ParsedFile.Source source) {
        String displayName() {
            return SOURCE_PREFIX + fileName;
        }
    }

    static List<Entry> find(ClassLoader loader) {
        try {
            TreeSet<String> names = new TreeSet<>();
            URL index = loader.getResource(INDEX);
            if (index != null) {
                names.addAll(readIndex(index));
            } else {
                URL folder = loader.getResource(FOLDER);
                if (folder != null) {
                    names.addAll(list(folder));
                }
            }
            List<Entry> entries = new ArrayList<>();
            for (String name : names) {
                entries.add(new Entry(name, () -> open(loader, FOLDER + name)));
            }
            return entries;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the built-in profiles", e);
        }
    }

    private static InputStreamReader open(ClassLoader loader, String resource) throws IOException {
        InputStream in = loader.getResourceAsStream(resource);
        if (in == null) {
            throw new IOException(resource + " is listed but not packaged");
        }
        return new InputStreamReader(in, StandardCharsets.UTF_8);
    }

    private static List<String> readIndex(URL index) throws IOException {
        try (InputStream in = index.openStream()) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            List<String> names = new ArrayList<>();
            for (String name : text.split("[,\\s]+")) {
                if (name.endsWith(".yaml")) {
                    names.add(name);
                }
            }
            return names;
        }
    }

    private static List<String> list(URL folder) throws IOException {
        List<String> names = new ArrayList<>();
        if ("file".equals(folder.getProtocol())) {
            try (DirectoryStream<Path> dir = Files.newDirectoryStream(Path.of(folder.toURI()), "*.yaml")) {
                dir.forEach(p -> names.add(p.getFileName().toString()));
            } catch (URISyntaxException e) {
                throw new IOException("bad folder URL " + folder, e);
            }
        } else if ("jar".equals(folder.getProtocol())) {
            JarURLConnection connection = (JarURLConnection) folder.openConnection();
            connection.setUseCaches(false);
            try (JarFile jar = connection.getJarFile()) {
                for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements();) {
                    String entry = e.nextElement().getName();
                    if (entry.startsWith(FOLDER) && entry.endsWith(".yaml") && entry.indexOf('/', FOLDER.length()) < 0) {
                        names.add(entry.substring(FOLDER.length()));
                    }
                }
            }
        }
        return names;
    }
}
