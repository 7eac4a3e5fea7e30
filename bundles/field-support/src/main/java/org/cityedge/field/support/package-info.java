/**
 * What every field driver needs and no library does for it: the sample-sink whiteboard fan-out and a failure log
 * that says a device went quiet once, then how often, then that it answers again. Not a bundle: each driver embeds
 * these classes privately (bnd {@code -conditionalpackage}), so no driver depends on another at run time.
 */
package org.cityedge.field.support;
