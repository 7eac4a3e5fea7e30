package org.cityedge.provisioning.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.cityedge.api.profile.DeviceProfile;
import org.cityedge.api.site.ConfigProblem;
import org.cityedge.api.site.Site;
import org.cityedge.api.site.SiteEditor;
import org.cityedge.api.site.SiteService;

/**
 * The site bundle at the unit seam: a site held in memory with its file text. An edit or a replace is refused when
 * the result has a device with unit id 0 on a bus named "rs485*" or text containing "INVALID", the way the editor
 * refuses what a load would refuse; a refused change leaves both as they were. {@code check} is the dry run of
 * {@code replace}; {@link #refuseWrites} makes a replace fail that its check passed (the file or the profiles
 * changed in between, or a full disk).
 */
public final class FakeSite implements SiteService, SiteEditor {

    private Site site;
    private String text;
    public final List<String> replaced = new ArrayList<>();
    public final List<String> checked = new ArrayList<>();
    public volatile boolean refuseWrites;
    /** Runs when a write is refused: what else goes wrong at that moment. */
    public volatile Runnable onRefusedWrite = () -> { };

    public FakeSite(Site site) {
        this.site = site;
        this.text = site == Site.EMPTY ? "" : render(site);
    }

    @Override
    public Site site() {
        return site;
    }

    @Override
    public Map<String, DeviceProfile> profiles() {
        return Map.of();
    }

    @Override
    public List<ConfigProblem> problems() {
        return List.of();
    }

    @Override
    public String text() {
        return text;
    }

    @Override
    public List<ConfigProblem> apply(UnaryOperator<Site> edit) {
        Site next = edit.apply(site);
        List<ConfigProblem> problems = check(next);
        if (problems.isEmpty()) {
            site = next;
            text = render(next);
        }
        return problems;
    }

    @Override
    public List<ConfigProblem> check(String yamlText) {
        checked.add(yamlText);
        return problems(yamlText);
    }

    @Override
    public List<ConfigProblem> replace(String yamlText) {
        if (!problems(yamlText).isEmpty()) {
            return problems(yamlText);
        }
        if (refuseWrites) {
            onRefusedWrite.run();
            return List.of(new ConfigProblem("site.yaml", 0, "", "cannot write the site file: disk full"));
        }
        replaced.add(yamlText);
        text = yamlText;
        String[] lines = yamlText.split("\n");
        site = new Site(value(lines, "site"), value(lines, "gatewayId"), site.location(), site.timezone(),
                site.buses(), site.devices());
        return List.of();
    }

    private static List<ConfigProblem> problems(String yamlText) {
        return yamlText.contains("INVALID")
                ? List.of(new ConfigProblem("site.yaml", 3, "gatewayId", "INVALID is not an id")) : List.of();
    }

    private static List<ConfigProblem> check(Site site) {
        List<ConfigProblem> problems = new ArrayList<>();
        for (int i = 0; i < site.devices().size(); i++) {
            if (site.devices().get(i).bus().startsWith("rs485") && site.devices().get(i).unitId() == 0) {
                problems.add(new ConfigProblem("site.yaml", 10 + i, "devices[" + i + "].unitId", "must be 1-247"));
            }
        }
        return problems;
    }

    private static String render(Site site) {
        return "site: " + site.site() + "\ngatewayId: " + site.gatewayId() + "\ndevices: " + site.devices().size()
                + "\n";
    }

    private static String value(String[] lines, String key) {
        for (String line : lines) {
            if (line.startsWith(key + ": ")) {
                return line.substring(key.length() + 2).strip();
            }
        }
        return "unprovisioned";
    }
}
