package org.cityedge.uplink.mqtt;

import java.util.List;

/**
 * The uplink's configuration as plain values (see {@link UplinkConfig} for what each means), so the engine runs
 * the same under OSGi, in a test JVM and in the benchmark.
 */
record UplinkSettings(String brokerUrl, String clientId, String username, String password, String caFile,
        String certFile, String keyFile, boolean verifyHostname, int qos, int keepAliveSeconds,
        long sessionExpirySeconds, long telemetryExpirySeconds, int batchReadings, int batchMaxDelaySeconds,
        List<String> pointPolicies, int healthIntervalSeconds, int maxInflight, long reconnectMinMillis,
        long reconnectMaxMillis, String site, String gatewayId) {

    UplinkSettings {
        brokerUrl = trim(brokerUrl);
        clientId = trim(clientId);
        username = trim(username);
        password = password == null ? "" : password;
        caFile = trim(caFile);
        certFile = trim(certFile);
        keyFile = trim(keyFile);
        site = trim(site);
        gatewayId = trim(gatewayId);
        pointPolicies = List.copyOf(pointPolicies);
        if (qos < 0 || qos > 1) {
            throw new IllegalArgumentException("qos must be 0 or 1, was " + qos);
        }
        batchReadings = Math.max(1, batchReadings);
        batchMaxDelaySeconds = Math.max(1, batchMaxDelaySeconds);
        healthIntervalSeconds = Math.max(1, healthIntervalSeconds);
        maxInflight = Math.max(1, maxInflight);
        keepAliveSeconds = Math.max(1, keepAliveSeconds);
        reconnectMinMillis = Math.max(10, reconnectMinMillis);
        reconnectMaxMillis = Math.max(reconnectMinMillis, reconnectMaxMillis);
    }

    static UplinkSettings of(UplinkConfig c) {
        return new UplinkSettings(c.brokerUrl(), c.clientId(), c.username(), c.password(), c.caFile(), c.certFile(),
                c.keyFile(), c.verifyHostname(), c.qos(), c.keepAliveSeconds(), c.sessionExpirySeconds(),
                c.telemetryExpirySeconds(), c.batchReadings(), c.batchMaxDelaySeconds(),
                List.of(c.pointPolicies() == null ? new String[0] : c.pointPolicies()), c.healthIntervalSeconds(),
                c.maxInflight(), c.reconnectMinMillis(), c.reconnectMaxMillis(), c.site(), c.gatewayId());
    }

    /** The defaults of {@link UplinkConfig} with a broker. */
    static UplinkSettings defaults(String brokerUrl) {
        return new UplinkSettings(brokerUrl, "", "", "", "", "", "", true, 1, 30, 86_400, 900, 1, 60, List.of(), 60,
                64, 1_000, 120_000, "", "");
    }

    boolean enabled() {
        return !brokerUrl.isEmpty();
    }

    boolean tls() {
        return brokerUrl.startsWith("ssl://") || brokerUrl.startsWith("wss://");
    }

    /** The connection part: a change here reconnects; a change elsewhere only applies. */
    boolean sameConnection(UplinkSettings o) {
        return brokerUrl.equals(o.brokerUrl) && clientId.equals(o.clientId) && username.equals(o.username)
                && password.equals(o.password) && caFile.equals(o.caFile) && certFile.equals(o.certFile)
                && keyFile.equals(o.keyFile) && verifyHostname == o.verifyHostname
                && keepAliveSeconds == o.keepAliveSeconds && sessionExpirySeconds == o.sessionExpirySeconds
                && site.equals(o.site) && gatewayId.equals(o.gatewayId);
    }

    UplinkSettings withClientId(String id) {
        return new UplinkSettings(brokerUrl, id, username, password, caFile, certFile, keyFile, verifyHostname, qos,
                keepAliveSeconds, sessionExpirySeconds, telemetryExpirySeconds, batchReadings, batchMaxDelaySeconds,
                pointPolicies, healthIntervalSeconds, maxInflight, reconnectMinMillis, reconnectMaxMillis, site,
                gatewayId);
    }

    UplinkSettings withCredentials(String user, String pass) {
        return new UplinkSettings(brokerUrl, clientId, user, pass, caFile, certFile, keyFile, verifyHostname, qos,
                keepAliveSeconds, sessionExpirySeconds, telemetryExpirySeconds, batchReadings, batchMaxDelaySeconds,
                pointPolicies, healthIntervalSeconds, maxInflight, reconnectMinMillis, reconnectMaxMillis, site,
                gatewayId);
    }

    UplinkSettings withTls(String ca, String cert, String key) {
        return new UplinkSettings(brokerUrl, clientId, username, password, ca, cert, key, verifyHostname, qos,
                keepAliveSeconds, sessionExpirySeconds, telemetryExpirySeconds, batchReadings, batchMaxDelaySeconds,
                pointPolicies, healthIntervalSeconds, maxInflight, reconnectMinMillis, reconnectMaxMillis, site,
                gatewayId);
    }

    UplinkSettings withTiming(int keepAlive, int healthInterval, long reconnectMin, long reconnectMax) {
        return new UplinkSettings(brokerUrl, clientId, username, password, caFile, certFile, keyFile, verifyHostname,
                qos, keepAlive, sessionExpirySeconds, telemetryExpirySeconds, batchReadings, batchMaxDelaySeconds,
                pointPolicies, healthInterval, maxInflight, reconnectMin, reconnectMax, site, gatewayId);
    }

    UplinkSettings withPublishing(int batch, int batchDelay, List<String> policies) {
        return new UplinkSettings(brokerUrl, clientId, username, password, caFile, certFile, keyFile, verifyHostname,
                qos, keepAliveSeconds, sessionExpirySeconds, telemetryExpirySeconds, batch, batchDelay, policies,
                healthIntervalSeconds, maxInflight, reconnectMinMillis, reconnectMaxMillis, site, gatewayId);
    }

    UplinkSettings withBroker(String url) {
        return new UplinkSettings(url, clientId, username, password, caFile, certFile, keyFile, verifyHostname, qos,
                keepAliveSeconds, sessionExpirySeconds, telemetryExpirySeconds, batchReadings, batchMaxDelaySeconds,
                pointPolicies, healthIntervalSeconds, maxInflight, reconnectMinMillis, reconnectMaxMillis, site,
                gatewayId);
    }

    UplinkSettings withBrokerSite(String siteOverride) {
        return new UplinkSettings(brokerUrl, clientId, username, password, caFile, certFile, keyFile, verifyHostname,
                qos, keepAliveSeconds, sessionExpirySeconds, telemetryExpirySeconds, batchReadings,
                batchMaxDelaySeconds, pointPolicies, healthIntervalSeconds, maxInflight, reconnectMinMillis,
                reconnectMaxMillis, siteOverride, gatewayId);
    }

    private static String trim(String s) {
        return s == null ? "" : s.trim();
    }

    @Override
    public String toString() { // never the password
        return "UplinkSettings[broker=" + brokerUrl + ", clientId=" + clientId + ", user=" + username + ", tls="
                + tls() + ", qos=" + qos + "]";
    }
}
