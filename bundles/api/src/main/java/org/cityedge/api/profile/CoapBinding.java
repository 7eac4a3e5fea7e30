package org.cityedge.api.profile;

import java.util.Objects;

/**
 * Where a point lives on a CoAP device. Points that share a path and format are read with one request (or one
 * Observe relation) and picked out of the SenML pack by {@link #name()}.
 *
 * @param path    resource path on the device, e.g. {@code /3311/0/5851} (LwM2M object/instance/resource) or
 *                {@code /3311/0} (a whole instance as a SenML pack)
 * @param format  content format asked for (Accept) and written (Content-Format)
 * @param name    SenML record name after base-name resolution (RFC 8428 §4.5.1), e.g. {@code /3311/0/5851}; a
 *                record also matches when its own {@code n} equals this; null for {@link CoapFormat#TEXT}
 * @param observe read by Observe (RFC 7641) where the device supports it, polled otherwise
 */
public record CoapBinding(String path, CoapFormat format, String name, boolean observe) {

    public CoapBinding {
        Objects.requireNonNull(path, "path");
        format = format == null ? CoapFormat.TEXT : format;
    }
}
