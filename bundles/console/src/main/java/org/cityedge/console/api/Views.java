package org.cityedge.console.api;

import java.util.Locale;
import java.util.Map;

import org.cityedge.api.field.FoundDevice;
import org.cityedge.api.model.Sample;
import org.cityedge.api.profile.DeviceProfile;
import org.cityedge.api.provision.ChangeResult;
import org.cityedge.api.provision.FieldProblem;
import org.cityedge.api.provision.Identity;
import org.cityedge.api.provision.TlsStatus;
import org.cityedge.api.site.BusDefinition;
import org.cityedge.api.site.GeoPoint;
import org.cityedge.console.http.Json;
import org.cityedge.console.http.Reply;
import org.cityedge.console.live.ScanJob;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The API's JSON shapes (docs/console/http-api.md). Site-file words are written as in the site file
 * ({@code rtu-over-tcp}, {@code even}, {@code streetlight-controller}); run-time states as on MQTT ({@code ONLINE},
 * {@code GOOD}).
 */
final class Views {

    private Views() {
    }

    /** An enum as the site file and profiles write it. */
    static String name(Enum<?> e) {
        return e == null ? null : e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static JsonNode location(GeoPoint p) {
        return p == null ? NullNode.getInstance()
                : Json.object().put("latitude", p.latitude()).put("longitude", p.longitude());
    }

    static ObjectNode identity(Identity id) {
        ObjectNode o = Json.object().put("site", id.site()).put("gatewayId", id.gatewayId());
        o.set("location", location(id.location()));
        return o.put("timezone", id.timezone());
    }

    static ObjectNode changeResult(ChangeResult r) {
        ObjectNode o = Json.object().put("applied", r.applied());
        ArrayNode problems = o.putArray("problems");
        for (FieldProblem p : r.problems()) {
            problems.addObject().put("field", p.field()).put("message", p.message());
        }
        ArrayNode notes = o.putArray("notes");
        r.notes().forEach(notes::add);
        if (!r.applied()) {
            FieldProblem first = r.problems().get(0);
            o.put("error", "refused: " + first + (r.problems().size() > 1 ? " (and " + (r.problems().size() - 1)
                    + " more)" : ""));
        }
        return o;
    }

    /** 200 with the result when applied, 422 when refused. */
    static Reply change(ChangeResult r) {
        return Reply.json(r.applied() ? 200 : 422, changeResult(r));
    }

    static ObjectNode tls(TlsStatus t) {
        return Json.object().put("keyPresent", t.keyPresent()).put("requestPending", t.requestPending())
                .put("certificateSubject", t.certificateSubject()).put("certificateNotAfter", t.certificateNotAfter())
                .put("caSubject", t.caSubject()).put("iocKeyPresent", t.iocKeyPresent());
    }

    static ObjectNode bus(BusDefinition b, boolean scannable) {
        ObjectNode o = Json.object().put("id", b.id()).put("type", name(b.type())).put("scannable", scannable);
        if (b.port() != null) {
            o.put("port", b.port());
        }
        if (b.baud() > 0) {
            o.put("baud", b.baud()).put("parity", name(b.parity())).put("stopBits", b.stopBits());
        }
        if (b.host() != null) {
            o.put("host", b.host()).put("tcpPort", b.tcpPort());
        }
        o.put("interFrameDelayMs", b.interFrameDelayMs()).put("maxConnections", b.maxConnections());
        return o;
    }

    static ObjectNode profile(DeviceProfile p) {
        return Json.object().put("id", p.id()).put("manufacturer", p.vendor()).put("model", p.model())
                .put("kind", name(p.kind())).put("protocol", name(p.protocol()));
    }

    static ObjectNode sample(Sample s) {
        ObjectNode o = Json.object().put("point", s.point());
        o.set("value", Json.value(s.value()));
        o.put("unit", s.unit()).put("quality", s.quality().name()).put("time", s.timestamp());
        if (s.reason() != null) {
            o.put("reason", s.reason());
        }
        return o;
    }

    static ObjectNode found(FoundDevice f) {
        ObjectNode o = Json.object().put("bus", f.bus()).put("unitId", f.unitId()).put("address", f.address());
        if (f.lineSetting() != null) {
            o.put("baud", f.lineSetting().baud()).put("parity", name(f.lineSetting().parity()))
                    .put("stopBits", f.lineSetting().stopBits());
        } else {
            o.putNull("baud").putNull("parity").putNull("stopBits");
        }
        return o.put("profile", f.profileId()).put("identifiedBy", f.identifiedBy()).put("vendor", f.vendorName())
                .put("product", f.productCode()).put("responseMicros", f.responseMicros());
    }

    static ObjectNode scan(ScanJob.View v) {
        ObjectNode o = Json.object().put("id", v.id()).put("bus", v.bus()).put("state", v.state().label())
                .put("done", v.done()).put("total", v.total()).put("elapsedMs", v.elapsedMs())
                .put("etaMs", v.etaMs());
        ArrayNode found = o.putArray("found");
        v.found().forEach(f -> found.add(found(f)));
        return o.put("error", v.error());
    }

    static ObjectNode errors(Map<String, Long> errors) {
        ObjectNode o = Json.object();
        errors.forEach(o::put);
        return o;
    }
}
