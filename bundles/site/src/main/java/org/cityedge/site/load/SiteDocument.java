package org.cityedge.site.load;

import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.cityedge.api.profile.DeviceProfile;
import org.cityedge.api.site.ConfigProblem;
import org.cityedge.api.site.Site;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A site file's text seen two ways, for tools that edit the file: as a load sees it ({@link #loaded()}: the usable
 * site and every problem, exactly as {@link SiteFiles#loadSite} reports them), and as written ({@link #asWritten()}:
 * every bus and device, including those a load leaves out because their profile is missing or broken, so an edit
 * written back keeps them).
 */
public final class SiteDocument {

    private final JsonNode root;
    private final LoadResult loaded;
    private final Site asWritten;
    private final List<ConfigProblem> notCarried;

    private SiteDocument(JsonNode root, LoadResult loaded, Site asWritten, List<ConfigProblem> notCarried) {
        this.root = root;
        this.loaded = loaded;
        this.asWritten = asWritten;
        this.notCarried = List.copyOf(notCarried);
    }

    /**
     * Checks {@code text} as the site file named {@code name} against {@code profiles} (schema, profiles, bus and
     * device rules); problems name {@code name}, the line in {@code text} and the field.
     */
    public static SiteDocument of(String name, String text, Map<String, DeviceProfile> profiles) {
        ParsedFile file = ParsedFile.of(name, () -> new StringReader(text), SchemaCheck.SITE);
        LoadResult loaded = SiteReader.read(file, profiles);
        if (!file.readable()) {
            return new SiteDocument(null, loaded, null, file.problems());
        }
        WrittenSite.Outcome written = WrittenSite.read(file.tree().root());
        Problems refusals = new Problems(name, file.tree());
        written.refusals().forEach(r -> refusals.add(r.path(), r.message()));
        return new SiteDocument(file.tree().root(), loaded, written.site(), refusals.list());
    }

    /** No site file yet: the empty site, without problems; a first edit starts from it. */
    public static SiteDocument none() {
        return new SiteDocument(null, new LoadResult(Site.EMPTY, Map.of(), List.of()), Site.EMPTY, List.of());
    }

    /** What a load of this text gives. */
    public LoadResult loaded() {
        return loaded;
    }

    /**
     * Every bus and device as written (the running site omits those with problems); empty when the text is not
     * readable YAML or holds an entry the API records cannot carry unchanged (see {@link #notCarried()}).
     */
    public Optional<Site> asWritten() {
        return Optional.ofNullable(asWritten);
    }

    /** Why {@link #asWritten()} is empty, each naming its line and field; empty when it is not. */
    public List<ConfigProblem> notCarried() {
        return notCarried;
    }

    /**
     * The problems of this text that {@code before} did not have. A problem counts as the same when it concerns the
     * same field of the same bus or device (by id, wherever it moved in the list); messages and lines are not
     * compared.
     */
    public List<ConfigProblem> problemsNotIn(SiteDocument before) {
        return ProblemKeys.added(loaded.problems(), root, before.loaded.problems(), before.root);
    }
}
