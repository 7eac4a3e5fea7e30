/**
 * Export and import of the whole configuration as one {@code cityedge-config/1} JSON document: identity and site
 * file, every managed PID's stored settings (secrets in clear), the TLS and trust files, the CoAP pre-shared keys,
 * and the private key only on request. An export reads files only under the state and configuration directories
 * and never a private key it was not asked for. An import is checked whole (the site text by the editor's dry run)
 * before anything changes, and writes the site file last.
 */
package org.cityedge.provisioning.internal.transfer;
