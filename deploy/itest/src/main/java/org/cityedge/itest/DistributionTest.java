package org.cityedge.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;

/** The exported runtime resolves with no missing requirement and every component of the distribution is active. */
class DistributionTest {

    private final BundleContext context = FrameworkUtil.getBundle(DistributionTest.class).getBundleContext();

    private <T> T service(Class<T> type) {
        ServiceReference<T> ref = context.getServiceReference(type);
        assertNotNull(ref, type.getSimpleName() + " is not registered");
        return context.getService(ref);
    }

    @Test
    void everyBundleIsActive() {
        List<String> notActive = new ArrayList<>();
        for (Bundle b : context.getBundles()) {
            boolean fragment = b.getHeaders("").get("Fragment-Host") != null;
            int expected = fragment ? Bundle.RESOLVED : Bundle.ACTIVE;
            if (b.getState() != expected) {
                notActive.add(b.getSymbolicName() + " state=" + b.getState());
            }
        }
        assertEquals(List.of(), notActive, "bundles that did not resolve or start");
    }

    @Test
    void everyCityedgeBundleOfTheDistributionIsInstalled() {
        Set<String> names = new TreeSet<>();
        Arrays.stream(context.getBundles()).forEach(b -> names.add(b.getSymbolicName()));
        assertTrue(names.containsAll(Set.of("org.cityedge.api", "org.cityedge.runtime", "org.cityedge.telemetry.log", "org.cityedge.site", "org.cityedge.modbus",
                "org.cityedge.buffer", "org.cityedge.uplink.mqtt", "org.cityedge.provisioning", "org.cityedge.console",
                "org.cityedge.logging", "org.apache.felix.http.jetty",
                "org.apache.felix.scr", "org.apache.felix.configadmin", "org.apache.felix.metatype",
                "org.apache.felix.fileinstall")), "installed: " + names);
    }

    @Test
    void everyComponentBecomesActive() throws InterruptedException {
        ServiceComponentRuntime scr = service(ServiceComponentRuntime.class);
        List<String> waiting = List.of("not checked yet");
        int cityedgeComponents = 0;
        for (int attempt = 0; attempt < 100 && !waiting.isEmpty(); attempt++) { // bounded: 10 s
            waiting = new ArrayList<>();
            cityedgeComponents = 0;
            Collection<ComponentDescriptionDTO> descriptions = scr.getComponentDescriptionDTOs();
            for (ComponentDescriptionDTO d : descriptions) {
                if (d.name.startsWith("org.cityedge.")) {
                    cityedgeComponents++;
                }
                Collection<ComponentConfigurationDTO> configurations = scr.getComponentConfigurationDTOs(d);
                if (configurations.isEmpty()) {
                    waiting.add(d.name + ": no configuration");
                }
                for (ComponentConfigurationDTO c : configurations) {
                    if (c.state != ComponentConfigurationDTO.ACTIVE && c.state != ComponentConfigurationDTO.SATISFIED) {
                        waiting.add(d.name + ": state " + c.state + (c.failure == null ? "" : " " + c.failure));
                    }
                }
            }
            if (!waiting.isEmpty()) {
                Thread.sleep(100);
            }
        }
        assertEquals(List.of(), waiting, "components not active");
        assertTrue(cityedgeComponents >= 5, "expected the cityedge components, found " + cityedgeComponents);
    }

    @Test
    void everyConfigurableComponentIsDescribedByMetatype() {
        ServiceComponentRuntime scr = service(ServiceComponentRuntime.class);
        MetaTypeService metatype = service(MetaTypeService.class);
        List<String> undescribed = new ArrayList<>();
        for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs()) {
            if (!d.name.startsWith("org.cityedge.") || "ignore".equals(d.configurationPolicy)) {
                continue;
            }
            Bundle bundle = context.getBundle(d.bundle.id);
            MetaTypeInformation info = metatype.getMetaTypeInformation(bundle);
            for (String pid : d.configurationPid) {
                boolean described = info != null && (Arrays.asList(info.getPids()).contains(pid)
                        || Arrays.asList(info.getFactoryPids()).contains(pid));
                if (!described && !pid.equals(d.name)) {
                    undescribed.add(d.name + " pid " + pid);
                }
            }
        }
        assertEquals(List.of(), undescribed, "configurable components without a Metatype description (Kura needs one)");
    }
}
