/**
 * Durable file changes: atomic replacement with the mode set before any byte is written (keys 0600), and a
 * transaction that restores every file it touched when a later step of the same change fails; and the two
 * directories (state, configuration) a setting may name a file in.
 */
package org.cityedge.provisioning.internal.files;
