package org.cityedge.aqi;

import java.time.ZoneId;
import java.util.Set;

/** Which devices are air-quality stations, what they measure, and the site's clock hours. */
interface AirQualityStations {

    /** The VN_AQI pollutants the device's profile has points for; empty when it is not an air-quality station. */
    Set<Pollutant> pollutantsOf(String deviceId);

    /** The site's time zone: hourly indices cover its local clock hours. */
    ZoneId zone();
}
