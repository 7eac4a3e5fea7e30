package org.cityedge.console.api;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.cityedge.api.field.DeviceHealth;
import org.cityedge.api.field.DeviceState;
import org.cityedge.api.field.FieldDevices;
import org.cityedge.api.model.Sample;
import org.cityedge.api.profile.DataType;
import org.cityedge.api.profile.DeviceProfile;
import org.cityedge.api.profile.PointDefinition;
import org.cityedge.api.site.DeviceDefinition;
import org.cityedge.console.http.ApiException;
import org.cityedge.console.http.Exchange;
import org.cityedge.console.http.Json;
import org.cityedge.console.http.Reply;
import org.cityedge.console.live.LampTester;
import org.cityedge.console.live.LampTester.BlinkOutcome;
import org.cityedge.console.live.LampTester.DimOutcome;
import org.cityedge.console.live.LampTester.LampPoints;
import org.cityedge.console.live.ReadingHistory;
import org.cityedge.console.live.ReadingHistory.Reading;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The device list with live readings, and the technician's tests: read every point now, dim, blink. */
final class DeviceEndpoints {

    static final long READ_WAIT_MS = 30_000;
    static final int MAX_BLINKS = 20;
    static final long MAX_BLINK_MS = 120_000;

    private final GatewayServices services;
    private final ReadingHistory history;
    private final LampTester tester;

    DeviceEndpoints(GatewayServices services, ReadingHistory history, LampTester tester) {
        this.services = services;
        this.history = history;
        this.tester = tester;
    }

    Reply list(Exchange ex) {
        Map<String, DeviceHealth> health = StatusEndpoints.health(services.drivers());
        Map<String, DeviceProfile> profiles = services.profiles();
        ArrayNode list = Json.array();
        for (DeviceDefinition d : services.site().devices()) {
            DeviceHealth h = health.get(d.id());
            ObjectNode o = list.addObject().put("id", d.id()).put("name", d.name()).put("bus", d.bus())
                    .put("unitId", d.unitId()).put("address", d.address()).put("profile", d.profile())
                    .put("group", d.group());
            o.set("location", Views.location(d.location()));
            o.put("state", (h == null ? DeviceState.UNKNOWN : h.state()).name());
            o.set("readings", readings(d.id(), profiles.get(d.profile())));
        }
        return Reply.ok(list);
    }

    private ObjectNode readings(String deviceId, DeviceProfile profile) {
        List<String> order = pointOrder(profile);
        Map<String, Reading> byPoint = new TreeMap<>(Comparator.comparingInt((String p) -> {
            int i = order.indexOf(p);
            return i < 0 ? Integer.MAX_VALUE : i;
        }).thenComparing(Comparator.naturalOrder()));
        byPoint.putAll(history.device(deviceId));
        ObjectNode readings = Json.object();
        byPoint.forEach((point, r) -> {
            Sample s = r.latest();
            ObjectNode o = readings.putObject(point);
            o.set("value", Json.value(s.value()));
            o.put("unit", s.unit()).put("quality", s.quality().name()).put("time", s.timestamp());
            if (s.reason() != null) {
                o.put("reason", s.reason());
            }
            ArrayNode recent = o.putArray("recent");
            for (int i = 0; i < r.times().length; i++) {
                recent.addArray().add(r.times()[i]).add(r.values()[i]);
            }
        });
        return readings;
    }

    /** Points in the profile's order, the bits of a bit field in bit order. */
    static List<String> pointOrder(DeviceProfile profile) {
        List<String> order = new ArrayList<>();
        if (profile == null) {
            return order;
        }
        for (PointDefinition p : profile.points()) {
            if (p.type() == DataType.BITFIELD) {
                new TreeMap<>(p.bits()).values().forEach(order::add);
            } else {
                order.add(p.name());
            }
        }
        return order;
    }

    Reply read(Exchange ex) throws ApiException {
        String id = ex.param("id");
        device(id);
        FieldDevices driver = services.driverOf(id)
                .orElseThrow(() -> ApiException.unavailable("no running driver serves device " + id));
        List<Sample> samples;
        try {
            samples = driver.readNow(id).toCompletableFuture().get(READ_WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.unavailable("interrupted");
        } catch (TimeoutException e) {
            throw new ApiException(504, "device " + id + " gave no answer within " + READ_WAIT_MS / 1000 + " s");
        } catch (ExecutionException e) {
            throw new ApiException(502, "reading " + id + " failed: " + e.getCause());
        }
        history.accept(samples);
        ObjectNode o = Json.object();
        ArrayNode list = o.putArray("samples");
        samples.forEach(s -> list.add(Views.sample(s)));
        return Reply.ok(o);
    }

    Reply dim(Exchange ex) throws ApiException {
        String id = ex.param("id");
        LampPoints points = lampPoints(id);
        Input in = Input.of(ex.jsonObject());
        Double level = in.number("level", null, 0, 100);
        Integer seconds = in.integer("seconds", 60, 1, 86_400);
        in.check();
        if (points.dim() == null) {
            throw new ApiException(422, "device " + id
                    + " has no dimming point (no dim command, no writable dimLevel)");
        }
        DimOutcome r;
        try {
            r = tester.dim(services.pointControl(), id, points.dim(), level, seconds);
        } catch (IllegalStateException e) {
            throw ApiException.conflict(e.getMessage());
        }
        Object readBack = r.written() ? r.readBack() : latest(id, points.dim());
        ObjectNode o = Json.object().put("ok", r.ok()).put("value", r.value());
        o.set("readBack", Json.value(readBack));
        return Reply.ok(o.put("error", r.error()));
    }

    Reply blink(Exchange ex) throws ApiException {
        String id = ex.param("id");
        LampPoints points = lampPoints(id);
        Input in = Input.of(ex.jsonObject());
        int times = in.integer("times", 3, 1, MAX_BLINKS);
        int periodMs = in.integer("periodMs", 1000, 200, 10_000);
        if (in.ok() && (long) times * periodMs > MAX_BLINK_MS) {
            in.problem("times", "times x periodMs must stay within " + MAX_BLINK_MS / 1000 + " s");
        }
        in.check();
        if (points.none()) {
            throw new ApiException(422, "device " + id + " has no lamp point to blink (dimLevel or powerState)");
        }
        BlinkOutcome r;
        try {
            r = tester.blink(services.pointControl(), id, points, times, periodMs);
        } catch (IllegalStateException e) {
            throw ApiException.conflict(e.getMessage());
        }
        return Reply.ok(Json.object().put("ok", r.ok()).put("steps", r.steps()).put("error", r.error()));
    }

    private DeviceDefinition device(String id) throws ApiException {
        return services.site().device(id).orElseThrow(() -> ApiException.notFound("unknown device: " + id));
    }

    private LampPoints lampPoints(String id) throws ApiException {
        DeviceDefinition d = device(id);
        DeviceProfile profile = services.profiles().get(d.profile());
        if (profile == null) {
            throw new ApiException(422, "device " + id + " has no loaded profile (" + d.profile() + ")");
        }
        return LampPoints.of(profile);
    }

    private Object latest(String deviceId, String point) {
        Reading r = history.device(deviceId).get(point);
        return r == null ? null : r.latest().value();
    }
}
