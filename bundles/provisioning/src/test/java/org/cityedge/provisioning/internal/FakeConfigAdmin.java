package org.cityedge.provisioning.internal;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * ConfigAdmin at the unit seam: configurations in a map, every update recorded. {@code updateIfDifferent} compares
 * as Felix ConfigAdmin 1.9.26 does (arrays by content, service.pid ignored).
 */
public final class FakeConfigAdmin {

    public final ConfigurationAdmin admin = mock(ConfigurationAdmin.class);
    private final Map<String, Hashtable<String, Object>> stored = new HashMap<>();
    /** Every update that changed something: pid and the properties given. */
    public final List<Map.Entry<String, Dictionary<String, ?>>> updates = new ArrayList<>();
    private final Set<String> failing = new java.util.HashSet<>();

    public FakeConfigAdmin() {
        try {
            when(admin.getConfiguration(anyString(), eq("?"))).thenAnswer(call -> configuration(call.getArgument(0)));
            when(admin.listConfigurations(anyString())).thenAnswer(call -> {
                Matcher m = Pattern.compile("\\(service\\.pid=(.*)\\)").matcher((String) call.getArgument(0));
                if (!m.matches() || !stored.containsKey(m.group(1))) {
                    return null;
                }
                return new Configuration[] {configuration(m.group(1))};
            });
        } catch (IOException | org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stores properties as if a file had been loaded before the test. */
    public FakeConfigAdmin put(String pid, Map<String, Object> properties) {
        Hashtable<String, Object> copy = new Hashtable<>(properties);
        copy.put("service.pid", pid);
        stored.put(pid, copy);
        return this;
    }

    /** Makes every update of this PID fail with an IOException. */
    public void failUpdatesOf(String pid) {
        failing.add(pid);
    }

    public Dictionary<String, Object> properties(String pid) {
        return stored.get(pid);
    }

    public long updatesOf(String pid) {
        return updates.stream().filter(e -> e.getKey().equals(pid)).count();
    }

    private Configuration configuration(String pid) throws IOException {
        Configuration c = mock(Configuration.class);
        when(c.getPid()).thenReturn(pid);
        when(c.getProperties()).thenAnswer(call -> stored.get(pid) == null ? null : new Hashtable<>(stored.get(pid)));
        doAnswer(call -> {
            update(pid, call.getArgument(0));
            return null;
        }).when(c).update(any());
        when(c.updateIfDifferent(any())).thenAnswer(call -> {
            Dictionary<String, ?> next = call.getArgument(0);
            if (stored.get(pid) != null && sameContent(stored.get(pid), next)) {
                return false;
            }
            update(pid, next);
            return true;
        });
        doAnswer(call -> {
            stored.remove(pid);
            return null;
        }).when(c).delete();
        return c;
    }

    private void update(String pid, Dictionary<String, ?> properties) throws IOException {
        if (failing.contains(pid)) {
            throw new IOException("persistence failed for " + pid);
        }
        Hashtable<String, Object> copy = new Hashtable<>();
        for (String key : Collections.list(properties.keys())) {
            copy.put(key, properties.get(key));
        }
        copy.put("service.pid", pid);
        stored.put(pid, copy);
        updates.add(Map.entry(pid, properties));
    }

    private static boolean sameContent(Dictionary<String, ?> a, Dictionary<String, ?> b) {
        Map<String, Object> left = comparable(a);
        Map<String, Object> right = comparable(b);
        return left.equals(right);
    }

    private static Map<String, Object> comparable(Dictionary<String, ?> d) {
        Map<String, Object> out = new HashMap<>();
        for (String key : Collections.list(d.keys())) {
            if (!key.equals("service.pid")) {
                Object v = d.get(key);
                out.put(key, v instanceof Object[] array ? List.of(array) : v);
            }
        }
        return out;
    }
}
