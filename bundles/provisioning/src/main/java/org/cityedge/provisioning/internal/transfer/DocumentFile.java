package org.cityedge.provisioning.internal.transfer;

import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;

import org.cityedge.provisioning.internal.files.AtomicFiles;

/**
 * A file an export carries, the setting that names it, and where an import puts it under the state directory.
 *
 * @param name        its name in the document's {@code files}, also its path under the state directory
 * @param pid         the PID whose setting names the file
 * @param key         that setting
 * @param permissions the mode it is written with
 */
record DocumentFile(String name, String pid, String key, Set<PosixFilePermission> permissions) {

    static final String CA = "tls/ca.crt";
    static final String CERTIFICATE = "tls/gateway.crt";
    static final String IOC_KEY = "trust/ioc.pub";
    static final String PSK = "coap/psk.properties";
    /** Not in {@code files}: the document's {@code privateKey}, written here. */
    static final String PRIVATE_KEY = "tls/gateway.key";

    static final List<DocumentFile> ALL = List.of(
            new DocumentFile(CA, "org.cityedge.uplink.mqtt", "caFile", AtomicFiles.PUBLIC),
            new DocumentFile(CERTIFICATE, "org.cityedge.uplink.mqtt", "certFile", AtomicFiles.PUBLIC),
            new DocumentFile(IOC_KEY, "org.cityedge.trust", "publicKeyFile", AtomicFiles.PUBLIC),
            new DocumentFile(PSK, "org.cityedge.coap", "pskFile", AtomicFiles.SECRET));

    static final DocumentFile KEY = new DocumentFile(PRIVATE_KEY, "org.cityedge.uplink.mqtt", "keyFile",
            AtomicFiles.SECRET);

    /** The carried file of that name, or null. */
    static DocumentFile named(String name) {
        return ALL.stream().filter(f -> f.name().equals(name)).findFirst().orElse(null);
    }

    /** Where an import writes it on this gateway. */
    Path local(Path stateDir) {
        return stateDir.resolve(name).toAbsolutePath();
    }
}
