package org.cityedge.provisioning.internal.settings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Dictionary;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationEvent;
import org.osgi.service.cm.ConfigurationListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks every configuration against the Metatype description of its PID, at start and whenever it changes, and
 * logs one line per problem naming the file and the field. Components keep their defaults for what is wrong; this
 * is what tells the technician why a hand-edited file did not take. Changes made through provisioning are checked
 * the same way before they are written ({@link MetatypeCheck} is shared).
 */
@Component(immediate = true, service = ConfigurationListener.class)
public class ConfigurationChecker implements ConfigurationListener {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigurationChecker.class);
    static final String FILE_PROPERTY = MetatypeCheck.FILE_PROPERTY;

    @Reference
    private MetaTypeService metatype;
    @Reference
    private ConfigurationAdmin configurationAdmin;

    private Definitions definitions;
    private final AtomicLong problemCount = new AtomicLong();

    @Activate
    void activate(BundleContext ctx) {
        this.definitions = new MetatypeCatalog(ctx, metatype);
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
            Configuration[] found = configurationAdmin.listConfigurations("(service.pid=" + event.getPid() + ")");
            if (found != null && found.length > 0) {
                check(found[0]);
            }
        } catch (IOException | InvalidSyntaxException e) {
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
        ObjectClassDefinition ocd = definitions.find(pid).orElse(null);
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

    /** One message per unknown field and per value its attribute definition rejects. */
    static List<String> problems(ObjectClassDefinition ocd, Dictionary<String, Object> properties) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (String key : Collections.list(properties.keys())) {
            map.put(key, properties.get(key));
        }
        return MetatypeCheck.check(ocd, map).stream().map(SettingProblem::toString).toList();
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
