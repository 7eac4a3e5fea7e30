/** SenML (RFC 8428) packs in JSON and CBOR: decoding with base-field resolution, and one-record packs for writes. */
package org.cityedge.coap.internal.senml;
