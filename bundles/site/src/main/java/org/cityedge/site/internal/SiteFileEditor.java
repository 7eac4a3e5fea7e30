package org.cityedge.site.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.UnaryOperator;

import org.cityedge.api.site.ConfigProblem;
import org.cityedge.api.site.Site;
import org.cityedge.site.load.ProblemText;
import org.cityedge.site.load.SiteDocument;
import org.cityedge.site.load.SiteWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Changes one site file for the {@link org.cityedge.api.site.SiteEditor} service: checks the new text exactly as a
 * load would (against the profiles the running site uses), writes it durably with the previous file kept as
 * {@code .bak}, and reloads at once so the change is current when the call returns.
 *
 * <p>What refuses a change: any problem the change <em>introduces</em>. The file as it was is checked too, and a
 * problem it already had (a device whose profile is missing, kept in the file so that it runs once the profile
 * arrives) does not refuse an unrelated change; a problem is the same when it concerns the same field of the same bus
 * or device id ({@link SiteDocument#problemsNotIn}). A result the loader could not use at all (bad identity, syntax)
 * is always refused. Not thread-safe: the owning component serializes calls.
 */
final class SiteFileEditor {

    /** Far more than a site of a thousand devices needs; bounds what an import may make the gateway parse. */
    static final int MAX_TEXT_CHARS = 1 << 20;
    private static final Logger LOG = LoggerFactory.getLogger(SiteFileEditor.class);

    private final Path siteFile;
    private final String name;
    private final SiteReloader reloader;
    private final CurrentSite current;
    private final LongAdder refused;

    /** @param refused counts refused changes; outlives this editor when the component is reconfigured */
    SiteFileEditor(Path siteFile, SiteReloader reloader, CurrentSite current, LongAdder refused) {
        this.siteFile = siteFile;
        this.refused = refused;
        this.name = siteFile.toString();
        this.reloader = reloader;
        this.current = current;
    }

    /** The file as on disk, "" when there is none. */
    String text() throws IOException {
        String text = diskText();
        return text == null ? "" : text;
    }

    /** Applies {@code edit} to the site as written in the file (a missing or blank file: the empty site). */
    List<ConfigProblem> apply(UnaryOperator<Site> edit) {
        Objects.requireNonNull(edit, "edit");
        try {
            SiteDocument before = diskDocument();
            Optional<Site> start = before.asWritten();
            if (start.isEmpty()) {
                return refuse("edit", before.notCarried());
            }
            Site edited = Objects.requireNonNull(edit.apply(start.get()), "the edit returned no site");
            if (edited.equals(start.get())) {
                return List.of(); // nothing changed: the file keeps its comments and its revision
            }
            return write("edit", before, header() + SiteWriter.toYaml(edited));
        } catch (IOException e) {
            return refuse("edit", List.of(fileProblem("cannot read or write the site file: " + e)));
        }
    }

    /** Replaces the file with {@code yamlText}, kept as given (comments included), under the same checks. */
    List<ConfigProblem> replace(String yamlText) {
        Objects.requireNonNull(yamlText, "yamlText");
        if (yamlText.length() > MAX_TEXT_CHARS) {
            return refuse("import", List.of(tooLong(yamlText)));
        }
        try {
            return write("import", diskDocument(), yamlText);
        } catch (IOException e) {
            return refuse("import", List.of(fileProblem("cannot read or write the site file: " + e)));
        }
    }

    /** What {@link #replace} would refuse now; writes nothing. A text with problems counts as a refused change. */
    List<ConfigProblem> check(String yamlText) {
        Objects.requireNonNull(yamlText, "yamlText");
        if (yamlText.length() > MAX_TEXT_CHARS) {
            return refuse("import check", List.of(tooLong(yamlText)));
        }
        try {
            List<ConfigProblem> problems = introduced(diskDocument(), SiteDocument.of(name, yamlText,
                    current.profiles()));
            return problems.isEmpty() ? List.of() : refuse("import check", problems);
        } catch (IOException e) {
            return refuse("import check", List.of(fileProblem("cannot read the site file: " + e)));
        }
    }

    private List<ConfigProblem> write(String what, SiteDocument before, String text) throws IOException {
        SiteDocument after = SiteDocument.of(name, text, current.profiles());
        List<ConfigProblem> problems = introduced(before, after);
        if (!problems.isEmpty()) {
            return refuse(what, problems);
        }
        DurableFile.replace(siteFile, text.getBytes(StandardCharsets.UTF_8));
        LOG.info("site: {} written by an {} ({} devices as written); the previous file is {}", name, what,
                after.asWritten().map(s -> s.devices().size()).orElse(0), DurableFile.backupOf(siteFile));
        reloader.reload();
        return List.of();
    }

    /** The problems {@code after} introduces over {@code before} (all of them when the loader cannot use it). */
    private static List<ConfigProblem> introduced(SiteDocument before, SiteDocument after) {
        return after.loaded().usable() ? after.problemsNotIn(before) : after.loaded().problems();
    }

    private ConfigProblem tooLong(String text) {
        return fileProblem("the site file is " + text.length() + " characters; at most " + MAX_TEXT_CHARS
                + " are accepted");
    }

    private List<ConfigProblem> refuse(String what, List<ConfigProblem> problems) {
        refused.increment();
        LOG.warn("site: {} refused, nothing written: {}", what,
                String.join("; ", problems.stream().map(ProblemText::of).toList()));
        return List.copyOf(problems);
    }

    private SiteDocument diskDocument() throws IOException {
        String text = diskText();
        return text == null || text.isBlank() ? SiteDocument.none() : SiteDocument.of(name, text, current.profiles());
    }

    /** The file's text, or null when it does not exist. */
    private String diskText() throws IOException {
        try {
            return Files.readString(siteFile, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private String header() {
        return "# Written by the cityedge site editor. Comments are not kept: the previous file is "
                + DurableFile.backupOf(siteFile).getFileName() + ".\n";
    }

    private ConfigProblem fileProblem(String message) {
        return new ConfigProblem(name, 0, "", message);
    }
}
