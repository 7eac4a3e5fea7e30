package org.cityedge.site.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.UnaryOperator;

import org.cityedge.api.site.ConfigProblem;
import org.cityedge.api.site.Site;
import org.cityedge.api.site.SiteEditor;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Provides the {@link org.cityedge.api.site.SiteService}: loads the site file and the profiles at activation, then watches them. The
 * service is registered by {@link OsgiSitePublisher} (not by DS) so its {@code site.revision} can change.
 *
 * <p>Also provides the {@link SiteEditor} for the same file (see {@link SiteFileEditor}): it shares the reloader, so
 * an edit is current when the call returns. Edits, reconfiguration and deactivation are serialized on this
 * component's lock, so an edit never writes the file of a configuration that was just replaced.
 */
@Component(configurationPid = SiteComponent.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL,
        immediate = true, service = SiteEditor.class)
@Designate(ocd = SiteConfig.class)
public class SiteComponent implements SiteEditor {

    static final String PID = "org.cityedge.site";
    /** Framework or system property naming the site file when the configuration does not. */
    static final String SITE_FILE_PROPERTY = "cityedge.site";
    static final String DEFAULT_SITE_FILE = "site.yaml";

    private final CurrentSite current = new CurrentSite();
    private final LongAdder refusedChanges = new LongAdder();
    private SitePublisher publisher;
    private UnaryOperator<String> properties;
    private SiteReloader reloader;
    private SiteWatcher watcher;
    private SiteFileEditor editor;

    @Activate
    void activate(BundleContext context, SiteConfig config) {
        start(config, context::getProperty, new OsgiSitePublisher(context));
    }

    /** Applies a new configuration without withdrawing the service: consumers see a new revision if it differs. */
    @Modified
    synchronized void modified(SiteConfig config) {
        stopWatching();
        configure(config);
    }

    @Deactivate
    synchronized void deactivate() {
        stopWatching();
        editor = null;
        publisher.withdraw();
    }

    /** Starts with an explicit property lookup and publisher: the OSGi-free entry the tests use. */
    synchronized void start(SiteConfig config, UnaryOperator<String> properties, SitePublisher publisher) {
        this.publisher = publisher;
        this.properties = properties;
        configure(config);
    }

    private void configure(SiteConfig config) {
        List<Path> dirs = Arrays.stream(config.profileDirs()).map(String::strip).filter(s -> !s.isEmpty())
                .map(Path::of).toList();
        Path siteFile = siteFile(config);
        SiteReloader next = new SiteReloader(siteFile, dirs, current, publisher);
        if (reloader != null) {
            next.continueFrom(reloader);
        }
        reloader = next;
        reloader.reload();
        editor = new SiteFileEditor(siteFile, reloader, current, refusedChanges);
        if (config.watchIntervalSeconds() > 0) {
            watcher = new SiteWatcher(reloader, config.watchIntervalSeconds());
        }
    }

    private Path siteFile(SiteConfig config) {
        String configured = config.siteFile().strip();
        if (configured.isEmpty()) {
            String property = properties.apply(SITE_FILE_PROPERTY);
            configured = property == null || property.isBlank() ? DEFAULT_SITE_FILE : property.strip();
        }
        return Path.of(configured);
    }

    private void stopWatching() {
        if (watcher != null) {
            watcher.close();
            watcher = null;
        }
    }

    @Override
    public synchronized String text() {
        try {
            return editor().text();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the site file", e);
        }
    }

    @Override
    public synchronized List<ConfigProblem> apply(UnaryOperator<Site> edit) {
        return editor().apply(edit);
    }

    @Override
    public synchronized List<ConfigProblem> replace(String yamlText) {
        return editor().replace(yamlText);
    }

    @Override
    public synchronized List<ConfigProblem> check(String yamlText) {
        return editor().check(yamlText);
    }

    private SiteFileEditor editor() {
        if (editor == null) {
            throw new IllegalStateException("the site component is not active");
        }
        return editor;
    }

    /** Edits and imports refused since activation (each is also logged with its problems). */
    long refusedChanges() {
        return refusedChanges.sum();
    }

    synchronized long revision() {
        return reloader == null ? 0 : reloader.revision();
    }
}
