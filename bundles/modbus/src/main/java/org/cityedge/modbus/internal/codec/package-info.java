/**
 * Register codec: a point's registers or bits to canonical samples (byte and word order, scale and offset, bit
 * fields, enumerations, range checks) and canonical values back to registers for writes.
 */
package org.cityedge.modbus.internal.codec;
