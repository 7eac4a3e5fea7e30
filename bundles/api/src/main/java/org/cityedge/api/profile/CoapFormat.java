package org.cityedge.api.profile;

/** Content formats a CoAP point can be carried in (CoAP Content-Format registry numbers). */
public enum CoapFormat {
    /** text/plain: the resource is one value, e.g. an LwM2M single resource {@code /3311/0/5851}. */
    TEXT(0),
    /** application/senml+json (RFC 8428). */
    SENML_JSON(110),
    /** application/senml+cbor (RFC 8428). */
    SENML_CBOR(112);

    private final int contentFormat;

    CoapFormat(int contentFormat) {
        this.contentFormat = contentFormat;
    }

    /** The CoAP Content-Format number. */
    public int contentFormat() {
        return contentFormat;
    }
}
