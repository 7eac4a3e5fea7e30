package org.cityedge.site.internal;

import java.lang.annotation.Annotation;

/** The configuration DS would build from ConfigAdmin, for tests of the site component. */
record TestSiteConfig(String siteFile, String[] profileDirs, int watchIntervalSeconds) implements SiteConfig {
    @Override
    public Class<? extends Annotation> annotationType() {
        return SiteConfig.class;
    }
}
