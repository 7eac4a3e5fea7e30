package org.cityedge.api.provision;

import org.cityedge.api.site.GeoPoint;

/**
 * Who the gateway is: written to the site file, carried in every topic and message to the IOC.
 *
 * @param site      site id, e.g. {@code dong-xoai}
 * @param gatewayId gateway id, unique within the site, e.g. {@code dx-cab-001}
 * @param location  where the cabinet stands (drives the astronomical clock)
 * @param timezone  IANA zone, e.g. {@code Asia/Ho_Chi_Minh}
 */
public record Identity(String site, String gatewayId, GeoPoint location, String timezone) {
}
