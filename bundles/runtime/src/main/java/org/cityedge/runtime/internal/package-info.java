/**
 * The gateway process's own housekeeping, private to this bundle: stop the framework in order on SIGTERM (so every
 * component's deactivate runs and buffers are flushed), report when every component is active (start-up figure and
 * the first thing a technician looks for), and copy warnings of the OSGi log (SCR, ConfigAdmin, FileInstall) to the
 * console log. (The Metatype check of configuration files lives in the provisioning bundle, with the other
 * configuration concerns.)
 */
package org.cityedge.runtime.internal;
