/** Pre-shared keys for DTLS: the provisioning file, and the Scandium configuration built in code (no properties file). */
package org.cityedge.coap.internal.dtls;
