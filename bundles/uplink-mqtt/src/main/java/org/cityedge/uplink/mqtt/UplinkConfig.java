package org.cityedge.uplink.mqtt;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

@ObjectClassDefinition(id = MqttUplinkComponent.PID, name = "cityedge MQTT uplink",
        description = "Connection to the IOC's MQTT broker (v5) and what is published there")
@interface UplinkConfig {

    @AttributeDefinition(description = "Broker URL: tcp://host:1883 or ssl://host:8883. Empty: nothing is"
            + " published, everything is kept in the buffer.")
    String brokerUrl() default "";

    @AttributeDefinition(description = "MQTT client id; empty: cityedge-{gatewayId}. Must be unique per broker:"
            + " the persistent session is keyed by it.")
    String clientId() default "";

    @AttributeDefinition(description = "User name; empty: none")
    String username() default "";

    @AttributeDefinition(type = AttributeType.PASSWORD, description = "Password; empty: none")
    String password() default "";

    @AttributeDefinition(description = "PEM file of the CA certificate(s) that signed the broker's certificate;"
            + " empty: the JVM's trusted CAs")
    String caFile() default "";

    @AttributeDefinition(description = "PEM file of this gateway's client certificate (chain); empty: no client"
            + " certificate")
    String certFile() default "";

    @AttributeDefinition(description = "PEM file of the client certificate's private key (PKCS#8, unencrypted:"
            + " openssl pkcs8 -topk8 -nocrypt)")
    String keyFile() default "";

    @AttributeDefinition(description = "Check that the broker's certificate names the host in the broker URL")
    boolean verifyHostname() default true;

    @AttributeDefinition(description = "QoS of telemetry, events and health", options = {
            @Option(label = "0: at most once (the buffer forgets on send)", value = "0"),
            @Option(label = "1: at least once", value = "1") })
    int qos() default 1;

    @AttributeDefinition(description = "MQTT keep-alive, seconds; the broker publishes the Will after 1.5 times"
            + " this without a word from the gateway")
    int keepAliveSeconds() default 30;

    @AttributeDefinition(description = "How long the broker keeps this gateway's session after it disconnected,"
            + " seconds")
    long sessionExpirySeconds() default 86_400;

    @AttributeDefinition(description = "MQTT message expiry of telemetry, seconds: a broker drops it for a"
            + " subscriber that was away longer (the gateway's own backlog is still sent); 0: never expires")
    long telemetryExpirySeconds() default 900;

    @AttributeDefinition(description = "Readings of one device gathered into one telemetry message; 1: every"
            + " poll is its own message")
    int batchReadings() default 1;

    @AttributeDefinition(description = "Longest a reading waits for its batch to fill, seconds")
    int batchMaxDelaySeconds() default 60;

    @AttributeDefinition(description = "Publish policy per point: 'pointGlob=deadband/heartbeatSeconds', first"
            + " match wins, e.g. 'activePower=5/900', 'pm*=0.5/600'. A point is published when it moved more than"
            + " the deadband since it was last published, its quality changed, or the heartbeat is due. Points"
            + " matching no entry are published with every sample.")
    String[] pointPolicies() default {};

    @AttributeDefinition(description = "Seconds between health reports")
    int healthIntervalSeconds() default 60;

    @AttributeDefinition(description = "Most QoS 1 messages awaiting the broker's acknowledgement (the broker's"
            + " Receive Maximum lowers it)")
    int maxInflight() default 64;

    @AttributeDefinition(description = "First reconnect wait, milliseconds (doubles per failure, with jitter)")
    long reconnectMinMillis() default 1_000;

    @AttributeDefinition(description = "Longest reconnect wait, milliseconds")
    long reconnectMaxMillis() default 120_000;

    @AttributeDefinition(description = "Site segment of the topics; empty: the site file's")
    String site() default "";

    @AttributeDefinition(description = "Gateway id in topics and payloads; empty: the site file's")
    String gatewayId() default "";
}
