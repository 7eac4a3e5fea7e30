/**
 * The OSGi side of the site bundle: a Declarative Services component that loads the site file and profiles with
 * {@link org.cityedge.site.load.SiteFiles}, publishes them as the {@code SiteService}, and reloads them when a file
 * changes so a technician's edit takes effect without a restart. Private to the bundle.
 */
package org.cityedge.site.internal;
