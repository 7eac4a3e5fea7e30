/**
 * Contracts of the uplink path: the durable {@link org.cityedge.api.uplink.Outbox} every message to the IOC passes
 * through before it is published, the {@link org.cityedge.api.uplink.OutboundMessage} it holds, and the status
 * records of the buffer and the MQTT link that health reports and the console show.
 *
 * <p>Delivery is at least once: the outbox gives every message a sequence number that only grows (across restarts
 * too) when the message is durable, and forgets it only when the broker has acknowledged it.
 */
@Export
@Version("1.0.0")
package org.cityedge.api.uplink;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
