/**
 * The gateway's TLS material under the state directory: an EC P-256 key made on the gateway (PKCS#8 PEM, 0600),
 * its PKCS#10 request (BouncyCastle, embedded and loaded only then), the installed certificate checked against
 * the key, its validity and the CA chain before it replaces anything, and the IOC's Ed25519 signing key.
 */
package org.cityedge.provisioning.internal.tls;
