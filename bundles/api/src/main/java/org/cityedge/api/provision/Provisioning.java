package org.cityedge.api.provision;

import java.util.List;
import java.util.Map;

import org.cityedge.api.site.BusDefinition;
import org.cityedge.api.site.DeviceDefinition;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The one way in for configuration changes made on site. Component settings go through ConfigAdmin (checked
 * against each PID's Metatype and this service's own checks, persisted in the configuration directory so they
 * survive a restart); the site's identity and devices go through the site file ({@code SiteEditor}). Every call
 * either applies the whole change or changes nothing and names the offending field.
 */
@ProviderType
public interface Provisioning {

    /** What setting values that are secrets (passwords, hashes) read as. */
    String SECRET_MASK = "********";

    /** PIDs a technician may change here, in the order a console lists them. */
    List<String> managedPids();

    /**
     * Current settings of a managed PID: Metatype defaults overlaid with the stored configuration; secrets read as
     * {@link #SECRET_MASK}.
     *
     * @throws IllegalArgumentException for a PID that is not managed
     */
    Map<String, Object> settings(String pid);

    /**
     * Changes settings of one or more PIDs together. Values are text as in a {@code .cfg} file (arrays as
     * comma-separated text); a null or empty value resets the key to its default; a value equal to
     * {@link #SECRET_MASK} keeps the stored secret. All PIDs are checked before any is written.
     */
    ChangeResult configure(Map<String, Map<String, String>> changes);

    /** The identity written in the site file. */
    Identity identity();

    /** Checks and writes the identity to the site file; uplink topics and the astronomical clock follow. */
    ChangeResult setIdentity(Identity identity);

    /**
     * Adds or replaces (by id) buses and devices in the site file, e.g. what a scan found with the profile, name,
     * group and location the technician gave them. Checked as a site load checks them.
     */
    ChangeResult assign(List<BusDefinition> buses, List<DeviceDefinition> devices);

    /** Removes devices from the site file. Unknown ids are refused (nothing removed). */
    ChangeResult removeDevices(List<String> deviceIds);

    /**
     * Generates the gateway's key pair on the gateway (replacing an earlier one that has no certificate yet) and
     * returns a PKCS#10 certificate request in PEM for the IOC's CA: subject CN=gatewayId, O=site.
     *
     * @throws IllegalStateException when the gateway has no identity yet or the key cannot be stored
     */
    String createCertificateRequest();

    /**
     * Installs the certificate signed for the gateway's key and the CA that signs the IOC broker's certificate,
     * and points the uplink at them. Refused when the certificate does not belong to the key, is expired, or does
     * not chain to the given CA.
     */
    ChangeResult installCertificate(String certificatePem, String caPem);

    /** Installs the IOC's Ed25519 public key (PEM) that signs rule sets and schedules. */
    ChangeResult setIocPublicKey(String publicKeyPem);

    /** The TLS material's state. */
    TlsStatus tls();

    /**
     * The whole configuration as one JSON document (format {@code cityedge-config/1}): identity and site file,
     * managed settings (secrets included: the document is sensitive), certificates and keys files. The gateway's
     * private key only when asked for: moving it lets a replacement keep the certificate.
     */
    String exportConfiguration(boolean includePrivateKey);

    /** Applies an exported document whole (site, settings, files), or changes nothing. */
    ChangeResult importConfiguration(String document);
}
