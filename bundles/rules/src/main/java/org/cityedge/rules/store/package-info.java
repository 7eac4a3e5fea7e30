/** Rule sets on disk: atomic, forced writes; the running and the previous version; set-aside versions. */
package org.cityedge.rules.store;
