package org.cityedge.control.command;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.cityedge.api.model.Quality;
import org.cityedge.api.model.Sample;
import org.cityedge.api.site.DeviceDefinition;
import org.cityedge.control.FieldRouter;
import org.cityedge.control.Json;
import org.cityedge.control.Values;

/** read: every point of each device read now, outside its poll schedule. */
final class ReadCommand {

    private ReadCommand() {
    }

    static CompletableFuture<List<ObjectNode>> execute(FieldRouter fields, List<DeviceDefinition> devices,
            long deadlineMs) {
        List<CompletableFuture<ObjectNode>> results = new ArrayList<>();
        for (DeviceDefinition d : devices) {
            String id = d.id();
            boolean served = fields.driverOf(id).isPresent();
            ObjectNode timedOut = Reply.deviceError(id, "timeout", "the device did not answer within "
                    + deadlineMs / 1000 + " s");
            results.add(fields.readNow(id).toCompletableFuture()
                    .handle((samples, e) -> e != null
                            ? Reply.deviceError(id, served ? "read-failed" : "no-driver", Values.rootMessage(e))
                            : result(id, samples))
                    .completeOnTimeout(timedOut, deadlineMs, TimeUnit.MILLISECONDS));
        }
        return CompletableFuture.allOf(results.toArray(CompletableFuture[]::new))
                .thenApply(v -> results.stream().map(CompletableFuture::join).toList());
    }

    private static ObjectNode result(String id, List<Sample> samples) {
        ObjectNode values = Json.object();
        ObjectNode bad = Json.object();
        for (Sample s : samples) {
            if (s.quality() == Quality.GOOD) {
                Json.putValue(values, s.point(), s.value());
            } else {
                bad.put(s.point(), s.reason() == null ? s.quality().name() : s.reason());
            }
        }
        if (values.isEmpty()) {
            String why = bad.isEmpty() ? "the device returned no points"
                    : "no point could be read: " + bad.elements().next().asText();
            ObjectNode r = Reply.deviceError(id, "read-failed", why);
            if (!bad.isEmpty()) {
                r.set("bad", bad);
            }
            return r;
        }
        ObjectNode r = Reply.device(id, true);
        r.set("values", values);
        if (!bad.isEmpty()) {
            r.set("bad", bad);
        }
        return r;
    }
}
