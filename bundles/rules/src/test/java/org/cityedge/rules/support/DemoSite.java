package org.cityedge.rules.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.cityedge.api.site.DeviceDefinition;
import org.cityedge.api.site.GeoPoint;
import org.cityedge.api.site.Site;
import org.cityedge.rules.engine.SiteView;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The demo site (deploy/demo/site.yaml) and the real device profiles (device-profiles/*.yaml), read from the test
 * class path: the example rules are tested against the names the gateway really uses.
 */
public final class DemoSite implements SiteView {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final List<String> PROFILES = List.of("saigon-slc-110", "saigon-slc-cab3", "mekong-aqm6",
            "dongnai-wl2", "cuulong-wq5", "delta-dws3");

    private final Site site;
    private final Map<String, Map<String, Boolean>> profiles = new HashMap<>();

    public DemoSite() {
        this(read("demo/site.yaml"));
    }

    private DemoSite(JsonNode root) {
        List<DeviceDefinition> devices = new ArrayList<>();
        for (JsonNode d : root.path("devices")) {
            devices.add(new DeviceDefinition(d.path("id").asText(), d.path("name").asText(), d.path("bus").asText(),
                    d.path("unitId").asInt(), d.path("profile").asText(), point(d.path("location")),
                    d.hasNonNull("group") ? d.path("group").asText() : null));
        }
        site = new Site(root.path("site").asText(), root.path("gatewayId").asText(), point(root.path("location")),
                root.path("timezone").asText(), List.of(), devices);
        for (String id : PROFILES) {
            Map<String, Boolean> points = new HashMap<>();
            for (JsonNode p : read("profiles/" + id + ".yaml").path("points")) {
                points.put(p.path("name").asText(), "read-write".equals(p.path("access").asText()));
                p.path("bits").forEach(bit -> points.putIfAbsent(bit.asText(), false));
            }
            profiles.put(id, points);
        }
    }

    /** The same site without a position (no sun). */
    public SiteView withoutLocation() {
        Site s = new Site(site.site(), site.gatewayId(), null, site.timezone(), List.of(), site.devices());
        DemoSite self = this;
        return new SiteView() {
            @Override
            public Site site() {
                return s;
            }

            @Override
            public Map<String, Boolean> points(String profileId) {
                return self.points(profileId);
            }
        };
    }

    @Override
    public Site site() {
        return site;
    }

    @Override
    public Map<String, Boolean> points(String profileId) {
        return profiles.get(profileId);
    }

    private static GeoPoint point(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? null
                : new GeoPoint(node.path("latitude").asDouble(), node.path("longitude").asDouble());
    }

    private static JsonNode read(String resource) {
        try (InputStream in = DemoSite.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the test class path");
            }
            return YAML.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
