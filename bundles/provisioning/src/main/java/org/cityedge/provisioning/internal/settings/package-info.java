/**
 * Component settings: Metatype defaults overlaid with ConfigAdmin, checked against each PID's Metatype description
 * and provisioning's own rules, persisted in FileInstall's typed {@code .cfg} syntax (so arrays read back as arrays)
 * in the configuration directory, then given to ConfigAdmin exactly as FileInstall would. Also the check of every
 * configuration at start and on change, which logs each bad field of a hand-written file.
 */
package org.cityedge.provisioning.internal.settings;
