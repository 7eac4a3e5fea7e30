/**
 * Export and import of the whole configuration as one {@code cityedge-config/1} JSON document: identity and site
 * file, every managed PID's stored settings (secrets in clear), the TLS and trust files, the CoAP pre-shared keys,
 * and the private key only on request. An import is checked whole before anything changes.
 */
package org.cityedge.provisioning.internal.transfer;
