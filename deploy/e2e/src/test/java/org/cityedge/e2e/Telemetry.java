package org.cityedge.e2e;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/** Reading the IOC's telemetry the way an integrator does: by device and canonical point name. */
final class Telemetry {

    private Telemetry() {
    }

    /** The most recent reading of {@code point} from {@code device}, as {value, unit, quality, ...}. */
    static Optional<JsonNode> latest(List<IocMessage> received, String device, String point) {
        List<IocMessage> newestFirst = received.stream()
                .filter(m -> m.is("telemetry") && m.device().equals(device) && m.json() != null)
                .sorted(Comparator.comparingLong(IocMessage::seq).reversed()).toList();
        for (IocMessage m : newestFirst) {
            JsonNode readings = m.json().path("readings");
            for (int i = readings.size() - 1; i >= 0; i--) { // a batch lists its readings oldest first
                JsonNode value = readings.get(i).path("points").get(point);
                if (value != null) {
                    return Optional.of(value);
                }
            }
        }
        return Optional.empty();
    }

    static boolean has(List<IocMessage> received, String device, String point) {
        return latest(received, device, point).isPresent();
    }
}
