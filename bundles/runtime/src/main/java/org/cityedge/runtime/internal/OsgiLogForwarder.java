package org.cityedge.runtime.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogLevel;
import org.osgi.service.log.LogListener;
import org.osgi.service.log.LogReaderService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies warnings and errors that the framework's own services (SCR, ConfigAdmin, FileInstall, Metatype) write to
 * the OSGi log onto the console log, where a technician or journald sees them. Our bundles log through SLF4J.
 */
@Component(immediate = true)
public class OsgiLogForwarder implements LogListener {

    private static final Logger LOG = LoggerFactory.getLogger("osgi");

    @Reference
    private LogReaderService reader;

    @Activate
    void activate() {
        reader.addLogListener(this);
    }

    @Deactivate
    void deactivate() {
        reader.removeLogListener(this);
    }

    @Override
    public void logged(LogEntry entry) {
        LogLevel level = entry.getLogLevel();
        if (level != LogLevel.WARN && level != LogLevel.ERROR && level != LogLevel.AUDIT) {
            return;
        }
        String origin = entry.getBundle() == null ? "?" : entry.getBundle().getSymbolicName();
        Throwable t = entry.getException();
        if (level == LogLevel.WARN) {
            LOG.warn("[{}] {}{}", origin, entry.getMessage(), t == null ? "" : ": " + t);
        } else {
            LOG.error("[{}] {}{}", origin, entry.getMessage(), t == null ? "" : ": " + t);
        }
    }
}
