package org.cityedge.coap.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = CoapComponent.PID, name = "cityedge CoAP driver",
        description = "Reads CoAP devices (Observe or polling, DTLS PSK) and accepts SenML pushed by nodes")
@interface CoapConfig {

    @AttributeDefinition(description = "Allow plain coap:// (no DTLS) for devices and a plain server endpoint")
    boolean allowPlain() default false;

    @AttributeDefinition(description = "Run the push server (/readings/{deviceId})")
    boolean serverEnabled() default true;

    @AttributeDefinition(description = "Address the server endpoints bind to")
    String bindAddress() default "0.0.0.0";

    @AttributeDefinition(description = "DTLS server port (0 = any free port)", min = "0", max = "65535")
    int serverPort() default 5684;

    @AttributeDefinition(description = "Plain CoAP server port, only with allowPlain (0 = any free port)", min = "0",
            max = "65535")
    int plainPort() default 5683;

    @AttributeDefinition(description = "Pre-shared key file: deviceId=<hex> or deviceId=base64:<...> (chmod 600); "
            + "re-read when it changes", required = false)
    String pskFile() default "";

    @AttributeDefinition(description = "Largest pushed SenML pack accepted, in bytes", min = "64")
    int maxPayloadBytes() default 1024;

    @AttributeDefinition(description = "Period of FAST points, in ms", min = "50")
    long fastPeriodMs() default 1000;

    @AttributeDefinition(description = "Period of NORMAL points, in ms", min = "50")
    long normalPeriodMs() default 10_000;

    @AttributeDefinition(description = "Period of SLOW points, in ms", min = "50")
    long slowPeriodMs() default 60_000;

    @AttributeDefinition(description = "Consecutive failed reads after which a device is OFFLINE", min = "1")
    int offlineAfterFailures() default 3;

    @AttributeDefinition(description = "First retry delay of an OFFLINE device or a failed Observe registration, "
            + "in ms", min = "1")
    long backoffInitialMs() default 1000;

    @AttributeDefinition(description = "Longest retry delay (it doubles up to this), in ms", min = "1")
    long backoffCapMs() default 60_000;

    @AttributeDefinition(description = "Observe: register again when no notification came for Max-Age plus this, "
            + "in ms", min = "0")
    long observeGraceMs() default 10_000;

    @AttributeDefinition(description = "How often the PSK file is checked for changes, in ms", min = "0")
    long pskCheckMs() default 5000;

    @AttributeDefinition(description = "While a failure lasts, log it again at most this often, in ms", min = "1000")
    long errorLogIntervalMs() default 60_000;

    @AttributeDefinition(description = "A push node that posted nothing accepted for this long is OFFLINE and its last "
            + "values are republished once as STALE, in ms (0 = never)", min = "0")
    long pushStaleAfterMs() default 900_000;
}
