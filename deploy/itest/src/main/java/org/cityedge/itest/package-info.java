/**
 * Integration tests that run inside a real OSGi framework holding the gateway distribution: every bundle resolves
 * and starts, every component becomes active, and configuration reaches components through ConfigAdmin.
 */
package org.cityedge.itest;
