package org.cityedge.coap.internal.server;

import java.util.List;

import org.cityedge.api.profile.PointDefinition;
import org.cityedge.coap.internal.client.DeviceStatus;

/** A node of the site that pushes its readings: its points and its health. */
public record PushNode(String deviceId, String profileId, List<PointDefinition> points, DeviceStatus status) {
}
