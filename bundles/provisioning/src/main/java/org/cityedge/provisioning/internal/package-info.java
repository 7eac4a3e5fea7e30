/**
 * The provisioning component: the one way in for configuration changes made on site (console and CLI), private to
 * this bundle. It puts together the settings store, the site edits, the TLS material and the export/import, and
 * serializes changes so each applies whole or not at all.
 */
package org.cityedge.provisioning.internal;
