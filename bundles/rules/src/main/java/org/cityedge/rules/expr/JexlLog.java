package org.cityedge.rules.expr;

import org.apache.commons.logging.Log;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** JEXL's logger, handed over explicitly so commons-logging's discovery never runs inside the gateway. */
final class JexlLog implements Log {

    private static final Logger LOG = LoggerFactory.getLogger("org.cityedge.rules.jexl");

    @Override
    public void debug(Object message) {
        LOG.debug(String.valueOf(message));
    }

    @Override
    public void debug(Object message, Throwable t) {
        LOG.debug(String.valueOf(message), t);
    }

    @Override
    public void error(Object message) {
        LOG.error(String.valueOf(message));
    }

    @Override
    public void error(Object message, Throwable t) {
        LOG.error(String.valueOf(message), t);
    }

    @Override
    public void fatal(Object message) {
        LOG.error(String.valueOf(message));
    }

    @Override
    public void fatal(Object message, Throwable t) {
        LOG.error(String.valueOf(message), t);
    }

    @Override
    public void info(Object message) {
        LOG.info(String.valueOf(message));
    }

    @Override
    public void info(Object message, Throwable t) {
        LOG.info(String.valueOf(message), t);
    }

    @Override
    public boolean isDebugEnabled() {
        return LOG.isDebugEnabled();
    }

    @Override
    public boolean isErrorEnabled() {
        return LOG.isErrorEnabled();
    }

    @Override
    public boolean isFatalEnabled() {
        return LOG.isErrorEnabled();
    }

    @Override
    public boolean isInfoEnabled() {
        return LOG.isInfoEnabled();
    }

    @Override
    public boolean isTraceEnabled() {
        return LOG.isTraceEnabled();
    }

    @Override
    public boolean isWarnEnabled() {
        return LOG.isWarnEnabled();
    }

    @Override
    public void trace(Object message) {
        LOG.trace(String.valueOf(message));
    }

    @Override
    public void trace(Object message, Throwable t) {
        LOG.trace(String.valueOf(message), t);
    }

    @Override
    public void warn(Object message) {
        LOG.warn(String.valueOf(message));
    }

    @Override
    public void warn(Object message, Throwable t) {
        LOG.warn(String.valueOf(message), t);
    }
}
