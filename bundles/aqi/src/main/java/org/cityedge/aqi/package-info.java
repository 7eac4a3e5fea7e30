/**
 * The Vietnam air-quality index (VN_AQI, Decision 1459/QD-TCMT of 2019) computed on the gateway. A sample sink keeps
 * each air-quality station's pollutant readings as hourly averages (12 hours at most), and at every full hour
 * publishes the hourly index, its band, the dominant pollutant and the sub-indices as derived samples of the same
 * device to the other sinks: the uplink sends them with the telemetry, and local rules can use them. NowCast for
 * PM10 and PM2.5, 1 h averages for CO, NO2, SO2 and O3; see README.md for the points and the rules applied.
 */
package org.cityedge.aqi;
