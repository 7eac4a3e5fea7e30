/**
 * The gateway's identity, buses and devices as edits of the site file through the site bundle's
 * {@code SiteEditor}: identity rules (ids safe as MQTT topic levels, an IANA zone, a position), add-or-replace by
 * id, removal of known devices only; the editor's problems mapped to {@code site.yaml:line: field}.
 */
package org.cityedge.provisioning.internal.site;
