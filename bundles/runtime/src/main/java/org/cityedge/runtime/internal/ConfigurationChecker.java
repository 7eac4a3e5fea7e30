package org.cityedge.runtime.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Dictionary;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationEvent;
import org.osgi.service.cm.ConfigurationListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks every configuration against the Metatype description of its PID, at start and whenever it changes, and
 * logs one line per problem naming the file and the field. Components keep their defaults for what is wrong; this
 * is what tells the technician why.
 */
@Component(immediate = true, service = ConfigurationListener.class)
public class ConfigurationChecker implements ConfigurationListener {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigurationChecker.class);
    static final String FILE_PROPERTY = "felix.fileinstall.filename";
    private static final Set<String> MANAGED_KEYS = Set.of("service.pid", "service.factoryPid",
            "service.bundleLocation", FILE_PROPERTY);

    @Reference
    private MetaTypeService metatype;
    @Reference
    private ConfigurationAdmin configurationAdmin;

    private BundleContext context;
    private final AtomicLong problemCount = new AtomicLong();

    @Activate
    void activate(BundleContext ctx) {
        this.context = ctx;
        checkConfigurationDirectory(ctx.getProperty("felix.fileinstall.dir"));
        try {
            Configuration[] all = configurationAdmin.listConfigurations(null);
            for (Configuration c : all == null ? new Configuration[0] : all) {
                check(c);
            }
        } catch (IOException | InvalidSyntaxException e) {
            LOG.warn("config: cannot list configurations: {}", e.toString());
        }
    }

    @Override
    public void configurationEvent(ConfigurationEvent event) {
        if (event.getType() != ConfigurationEvent.CM_UPDATED) {
            return;
        }
        try {
            check(configurationAdmin.getConfiguration(event.getPid(), "?"));
        } catch (IOException e) {
            LOG.warn("config: cannot read {}: {}", event.getPid(), e.toString());
        }
    }

    /** Problems found since start; exposed for health reporting and tests. */
    long problemCount() {
        return problemCount.get();
    }

    private void check(Configuration configuration) {
        Dictionary<String, Object> properties = configuration.getProperties();
        if (properties == null) {
            return;
        }
        String pid = configuration.getFactoryPid() != null ? configuration.getFactoryPid() : configuration.getPid();
        ObjectClassDefinition ocd = findDefinition(pid);
        if (ocd == null) {
            return; // not one of ours or not described: nothing to check against
        }
        Object file = properties.get(FILE_PROPERTY);
        String source = file != null ? file.toString().replaceFirst("^file:", "") : "pid " + configuration.getPid();
        for (String problem : problems(ocd, properties)) {
            problemCount.incrementAndGet();
            LOG.warn("config: {}: {}", source, problem);
        }
    }

    private ObjectClassDefinition findDefinition(String pid) {
        for (Bundle bundle : context.getBundles()) {
            MetaTypeInformation info = metatype.getMetaTypeInformation(bundle);
            if (info == null) {
                continue;
            }
            if (Arrays.asList(info.getPids()).contains(pid) || Arrays.asList(info.getFactoryPids()).contains(pid)) {
                return info.getObjectClassDefinition(pid, null);
            }
        }
        return null;
    }

    /** One message per unknown field and per value its attribute definition rejects. */
    static List<String> problems(ObjectClassDefinition ocd, Dictionary<String, Object> properties) {
        AttributeDefinition[] attributes = ocd.getAttributeDefinitions(ObjectClassDefinition.ALL);
        Set<String> known = new TreeSet<>();
        for (AttributeDefinition ad : attributes == null ? new AttributeDefinition[0] : attributes) {
            known.add(ad.getID());
        }
        List<String> problems = new ArrayList<>();
        for (String key : Collections.list(properties.keys())) {
            if (!known.contains(key) && !MANAGED_KEYS.contains(key) && !key.startsWith("component.")
                    && !key.startsWith(".")) {
                problems.add(key + ": unknown field for " + ocd.getID() + " (known: " + String.join(", ", known) + ")");
            }
        }
        for (AttributeDefinition ad : attributes == null ? new AttributeDefinition[0] : attributes) {
            Object value = properties.get(ad.getID());
            if (value == null) {
                continue;
            }
            for (String text : asStrings(value)) {
                String verdict = ad.validate(text);
                if (verdict != null && !verdict.isEmpty()) {
                    problems.add(ad.getID() + ": value '" + text + "' rejected: " + verdict);
                }
            }
        }
        return problems;
    }

    private static List<String> asStrings(Object value) {
        if (value instanceof Object[] array) {
            return Arrays.stream(array).map(String::valueOf).toList();
        }
        if (value instanceof java.util.Collection<?> collection) {
            return collection.stream().map(String::valueOf).toList();
        }
        if (value.getClass().isArray()) {
            List<String> out = new ArrayList<>();
            for (int i = 0; i < java.lang.reflect.Array.getLength(value); i++) {
                out.add(String.valueOf(java.lang.reflect.Array.get(value, i)));
            }
            return out;
        }
        return List.of(String.valueOf(value));
    }

    private void checkConfigurationDirectory(String dir) {
        if (dir == null || dir.isBlank()) {
            LOG.info("config: no configuration directory set (felix.fileinstall.dir); running with defaults");
        } else if (!Files.isDirectory(Path.of(dir))) {
            problemCount.incrementAndGet();
            LOG.warn("config: {}: directory does not exist; running with defaults until it appears", dir);
        }
    }
}
