package org.cityedge.site.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = SiteComponent.PID, name = "cityedge site",
        description = "Where the gateway finds its site file and extra device profiles.")
public @interface SiteConfig {

    @AttributeDefinition(name = "Site file", required = false,
            description = "Path of the site YAML file. Empty: the framework or system property cityedge.site, "
                    + "else site.yaml in the working directory.")
    String siteFile() default "";

    @AttributeDefinition(name = "Extra profile directories", required = false,
            description = "Directories whose *.yaml device profiles are loaded after the built-in ones; "
                    + "a profile with the id of an earlier one replaces it.")
    String[] profileDirs() default {};

    @AttributeDefinition(name = "Watch interval (s)", min = "0", max = "3600",
            description = "How often to check the files for changes; 0 turns watching off.")
    int watchIntervalSeconds() default 5;
}
