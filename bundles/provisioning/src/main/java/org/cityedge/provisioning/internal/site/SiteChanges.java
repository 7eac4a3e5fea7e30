package org.cityedge.provisioning.internal.site;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import org.cityedge.api.provision.ChangeResult;
import org.cityedge.api.provision.FieldProblem;
import org.cityedge.api.provision.Identity;
import org.cityedge.api.site.BusDefinition;
import org.cityedge.api.site.ConfigProblem;
import org.cityedge.api.site.DeviceDefinition;
import org.cityedge.api.site.Site;
import org.cityedge.api.site.SiteEditor;
import org.cityedge.api.site.SiteService;

/**
 * Identity, buses and devices: edits of the site file through {@link SiteEditor}, which checks them as a load
 * would and writes only a change without problems.
 */
public final class SiteChanges {

    /** Thrown inside an edit to refuse it: the editor propagates it and writes nothing. */
    private static final class EditRefused extends RuntimeException {
        private final transient List<FieldProblem> problems;

        EditRefused(List<FieldProblem> problems) {
            super(null, null, false, false);
            this.problems = problems;
        }
    }

    private final Supplier<SiteService> sites;
    private final Supplier<SiteEditor> editors;

    public SiteChanges(Supplier<SiteService> sites, Supplier<SiteEditor> editors) {
        this.sites = sites;
        this.editors = editors;
    }

    /** The identity of the running site; the placeholder of an empty site when no site is loaded. */
    public Identity identity() {
        SiteService service = sites.get();
        Site site = service == null ? Site.EMPTY : service.site();
        return new Identity(site.site(), site.gatewayId(), site.location(), site.timezone());
    }

    /** True when a site file with a real identity is loaded. */
    public boolean provisioned() {
        Identity identity = identity();
        return !Site.EMPTY.site().equals(identity.site()) && !Site.EMPTY.gatewayId().equals(identity.gatewayId());
    }

    public ChangeResult setIdentity(Identity identity) {
        List<FieldProblem> problems = IdentityRules.check(identity);
        if (!problems.isEmpty()) {
            return ChangeResult.refused(problems);
        }
        return edit(site -> new Site(identity.site(), identity.gatewayId(), identity.location(),
                identity.timezone(), site.buses(), site.devices()),
                "identity " + identity.site() + "/" + identity.gatewayId()
                        + " written: uplink topics and the astronomical clock follow");
    }

    public ChangeResult assign(List<BusDefinition> buses, List<DeviceDefinition> devices) {
        List<BusDefinition> newBuses = buses == null ? List.of() : buses;
        List<DeviceDefinition> newDevices = devices == null ? List.of() : devices;
        if (newBuses.isEmpty() && newDevices.isEmpty()) {
            return ChangeResult.refused("devices", "no buses or devices given");
        }
        return edit(site -> new Site(site.site(), site.gatewayId(), site.location(), site.timezone(),
                upsert(site.buses(), newBuses, BusDefinition::id),
                upsert(site.devices(), newDevices, DeviceDefinition::id)),
                newBuses.size() + " bus(es) and " + newDevices.size() + " device(s) written to the site file");
    }

    public ChangeResult removeDevices(List<String> deviceIds) {
        if (deviceIds == null || deviceIds.isEmpty()) {
            return ChangeResult.refused("devices", "no device ids given");
        }
        Set<String> remove = new LinkedHashSet<>(deviceIds);
        return edit(site -> {
            Set<String> unknown = new LinkedHashSet<>(remove);
            site.devices().forEach(d -> unknown.remove(d.id()));
            if (!unknown.isEmpty()) {
                throw new EditRefused(unknown.stream()
                        .map(id -> new FieldProblem("devices/" + id, "no such device in the site file")).toList());
            }
            return new Site(site.site(), site.gatewayId(), site.location(), site.timezone(), site.buses(),
                    site.devices().stream().filter(d -> !remove.contains(d.id())).toList());
        }, remove.size() + " device(s) removed from the site file");
    }

    /** The site file's text, or "" when there is none or no editor. */
    public String text() {
        SiteEditor editor = editors.get();
        return editor == null ? "" : editor.text();
    }

    /** Replaces the whole site file (an import); the problems that refused it, empty when written. */
    public List<FieldProblem> replace(String yamlText) {
        SiteEditor editor = editors.get();
        if (editor == null) {
            return List.of(new FieldProblem("site", "the site service is not running"));
        }
        return toFieldProblems(editor.replace(yamlText));
    }

    /** What {@link #replace} would refuse now (a dry run: nothing is written). */
    public List<FieldProblem> check(String yamlText) {
        SiteEditor editor = editors.get();
        if (editor == null) {
            return List.of(new FieldProblem("site", "the site service is not running"));
        }
        return toFieldProblems(editor.check(yamlText));
    }

    private ChangeResult edit(UnaryOperator<Site> change, String note) {
        SiteEditor editor = editors.get();
        if (editor == null) {
            return ChangeResult.refused("site", "the site service is not running: nothing was changed");
        }
        List<ConfigProblem> problems;
        try {
            problems = editor.apply(change);
        } catch (EditRefused refused) {
            return ChangeResult.refused(refused.problems);
        }
        return problems.isEmpty() ? ChangeResult.applied(List.of(note))
                : ChangeResult.refused(toFieldProblems(problems));
    }

    /** Site file problems as field problems: {@code site.yaml:12: devices[3].unitId}. */
    public static List<FieldProblem> toFieldProblems(List<ConfigProblem> problems) {
        return problems.stream().map(p -> new FieldProblem(p.file() + (p.line() > 0 ? ":" + p.line() : "") + ": "
                + p.field(), p.message())).toList();
    }

    private static <T> List<T> upsert(List<T> current, List<T> changes, Function<T, String> id) {
        List<T> out = new ArrayList<>(current);
        for (T change : changes) {
            int at = -1;
            for (int i = 0; i < out.size(); i++) {
                if (id.apply(out.get(i)).equals(id.apply(change))) {
                    at = i;
                }
            }
            if (at >= 0) {
                out.set(at, change);
            } else {
                out.add(change);
            }
        }
        return out;
    }
}
