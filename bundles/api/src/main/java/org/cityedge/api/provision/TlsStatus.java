package org.cityedge.api.provision;

/**
 * The gateway's TLS material for the IOC connection, as a technician checks it.
 *
 * @param keyPresent          the gateway's private key exists (it never leaves the gateway unless exported with it)
 * @param requestPending      a certificate request was made for the current key and no certificate installed since
 * @param certificateSubject  subject of the installed certificate, or null
 * @param certificateNotAfter expiry of the installed certificate (epoch ms), or 0
 * @param caSubject           subject of the installed CA certificate, or null
 * @param iocKeyPresent       the IOC's public key for signed rules and schedules is installed
 */
public record TlsStatus(boolean keyPresent, boolean requestPending, String certificateSubject,
        long certificateNotAfter, String caSubject, boolean iocKeyPresent) {
}
