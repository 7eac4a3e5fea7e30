package org.cityedge.site.internal;

import java.nio.file.Path;
import java.util.List;

import org.cityedge.api.site.ConfigProblem;
import org.cityedge.site.load.LoadResult;
import org.cityedge.site.load.ProblemText;
import org.cityedge.site.load.SiteFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the files into {@link CurrentSite}, logs their problems, and publishes a new revision when the site or a
 * profile changed. A file that cannot be used at all leaves the last good site in place.
 */
final class SiteReloader {

    private static final Logger LOG = LoggerFactory.getLogger(SiteReloader.class);

    private final Path siteFile;
    private final List<Path> profileDirs;
    private final CurrentSite current;
    private final SitePublisher publisher;
    private FileFingerprint lastSeen;
    private long revision;

    SiteReloader(Path siteFile, List<Path> profileDirs, CurrentSite current, SitePublisher publisher) {
        this.siteFile = siteFile;
        this.profileDirs = List.copyOf(profileDirs);
        this.current = current;
        this.publisher = publisher;
    }

    /** Reloads when a watched file changed since the last load; true when a new revision was published. */
    synchronized boolean reloadIfChanged() {
        if (FileFingerprint.of(siteFile, profileDirs).equals(lastSeen)) {
            return false;
        }
        return reload();
    }

    /** Loads now; true when a new revision was published. The first call always publishes. */
    synchronized boolean reload() {
        lastSeen = FileFingerprint.of(siteFile, profileDirs);
        LoadResult result = SiteFiles.load(siteFile, profileDirs);
        for (ConfigProblem p : result.problems()) {
            LOG.warn("site: {}", ProblemText.of(p));
        }
        if (!result.usable()) {
            LOG.error("site: {} cannot be used; keeping revision {} ({} devices)", siteFile, revision,
                    current.site().devices().size());
            current.set(new SiteSnapshot(current.site(), current.profiles(), result.problems()));
            publishFirstTime();
            return false;
        }
        SiteSnapshot next = new SiteSnapshot(result.site(), result.profiles(), result.problems());
        boolean changed = revision == 0 || next.differsFrom(current.snapshot());
        current.set(next);
        if (changed) {
            revision++;
            publisher.publish(current, revision);
            LOG.info("site: {}/{} revision {}: {} devices on {} buses, {} profiles, {} problems", next.site().site(),
                    next.site().gatewayId(), revision, next.site().devices().size(), next.site().buses().size(),
                    next.profiles().size(), next.problems().size());
        }
        return changed;
    }

    /** Even with no usable site at start the service appears, answering the empty site and the problems. */
    private void publishFirstTime() {
        if (revision == 0) {
            revision = 1;
            publisher.publish(current, revision);
        }
    }

    /** Carries the revision on from the reloader this one replaces, so revisions keep growing. */
    synchronized void continueFrom(SiteReloader previous) {
        revision = previous.revision();
    }

    synchronized long revision() {
        return revision;
    }
}
