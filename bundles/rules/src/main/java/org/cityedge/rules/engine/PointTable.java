package org.cityedge.rules.engine;

import java.util.HashMap;
import java.util.Map;

/** The latest value of every point of every device seen. Engine thread only. */
final class PointTable {

    private final Map<String, Map<String, PointCell>> devices = new HashMap<>();

    /** The points of one device, created on first use. */
    Map<String, PointCell> device(String deviceId) {
        return devices.computeIfAbsent(deviceId, d -> new HashMap<>());
    }

    PointCell cell(String deviceId, String point) {
        return device(deviceId).computeIfAbsent(point, p -> new PointCell());
    }

    /** The usable value of a point, or null. */
    Object value(String deviceId, String point) {
        Map<String, PointCell> points = devices.get(deviceId);
        PointCell cell = points == null ? null : points.get(point);
        return cell != null && cell.usable() ? cell.value : null;
    }

    void clearReaders() {
        devices.values().forEach(points -> points.values().forEach(PointCell::clearReaders));
    }

    int size() {
        return devices.values().stream().mapToInt(Map::size).sum();
    }
}
