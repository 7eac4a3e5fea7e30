package org.cityedge.control.trust;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = TrustComponent.PID, name = "cityedge trust",
        description = "The IOC's Ed25519 public key(s), set at provisioning. Rule sets and dimming schedules must be"
                + " signed by one of them.")
@interface TrustConfig {

    @AttributeDefinition(name = "IOC public keys", required = false,
            description = "Each the base64 of the Ed25519 key's X.509 SubjectPublicKeyInfo (openssl pkey -pubout"
                    + " -outform DER | base64 -w0), or its PEM text. Several keys let the IOC rotate its key.")
    String[] publicKeys() default {};

    @AttributeDefinition(name = "IOC public key file", required = false,
            description = "A PEM file with one or more public keys (-----BEGIN PUBLIC KEY-----), read at start and"
                    + " on every configuration change; its keys are added to the ones above.")
    String publicKeyFile() default "";
}
