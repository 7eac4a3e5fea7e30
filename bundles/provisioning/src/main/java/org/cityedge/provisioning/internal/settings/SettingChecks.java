package org.cityedge.provisioning.internal.settings;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.cityedge.api.provision.SettingCheck;

/** The components' own {@link SettingCheck}s, by PID (a whiteboard: they come and go with their bundles). */
public final class SettingChecks {

    private final Map<String, List<SettingCheck>> byPid = new ConcurrentHashMap<>();

    public void add(String pid, SettingCheck check) {
        byPid.computeIfAbsent(pid, p -> new CopyOnWriteArrayList<>()).add(check);
    }

    public void remove(String pid, SettingCheck check) {
        List<SettingCheck> checks = byPid.get(pid);
        if (checks != null) {
            checks.remove(check);
        }
    }

    /** What the PID's checks say of one value; a check that fails is a problem too (nothing unchecked is written). */
    List<String> problems(String pid, String key, String value) {
        List<String> out = new ArrayList<>();
        for (SettingCheck check : byPid.getOrDefault(pid, List.of())) {
            try {
                String problem = check.problem(key, value);
                if (problem != null) {
                    out.add(problem);
                }
            } catch (RuntimeException e) {
                out.add("the component's check failed: " + e);
            }
        }
        return out;
    }
}
