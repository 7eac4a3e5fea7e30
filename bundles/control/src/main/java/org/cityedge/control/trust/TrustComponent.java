package org.cityedge.control.trust;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;

import org.cityedge.api.control.DocumentRefusedException;
import org.cityedge.api.control.DocumentVerifier;
import org.cityedge.api.control.VerifiedDocument;
import org.cityedge.api.site.SiteService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the {@link Ed25519Verifier} with the keys of {@code org.cityedge.trust}. Without a key the service still
 * runs and refuses every document with {@code no-trust-key}, so the IOC learns why. Immediate: a bad key is logged
 * at start, not at the first document.
 */
@Component(service = DocumentVerifier.class, immediate = true, configurationPid = TrustComponent.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = TrustConfig.class)
public class TrustComponent implements DocumentVerifier {

    static final String PID = "org.cityedge.trust";
    private static final Logger LOG = LoggerFactory.getLogger(TrustComponent.class);

    private volatile SiteService site;
    private volatile Ed25519Verifier verifier;

    @Activate
    @Modified
    void configure(TrustConfig config) {
        List<String> values = new ArrayList<>(List.of(config.publicKeys()));
        List<String> problems = new ArrayList<>();
        String file = config.publicKeyFile().strip();
        if (!file.isEmpty()) {
            try {
                values.add(Files.readString(Path.of(file), StandardCharsets.US_ASCII));
            } catch (IOException e) {
                problems.add("cannot read publicKeyFile " + file + ": " + e);
            }
        }
        List<PublicKey> keys = TrustKeys.parseAll(values, problems);
        problems.forEach(p -> LOG.warn("config: {}: publicKeys: {}", PID, p));
        if (keys.isEmpty()) {
            LOG.warn("trust: no IOC public key configured ({}): signed rule sets and schedules are refused", PID);
        } else {
            LOG.info("trust: {} IOC public key(s) configured", keys.size());
        }
        verifier = new Ed25519Verifier(keys, () -> site);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindSiteService(SiteService service) {
        site = service;
    }

    void updatedSiteService(SiteService service) {
        site = service;
    }

    void unbindSiteService(SiteService service) {
        if (site == service) {
            site = null;
        }
    }

    @Override
    public VerifiedDocument verify(String expectedType, String envelopeJson) throws DocumentRefusedException {
        return verifier.verify(expectedType, envelopeJson);
    }
}
