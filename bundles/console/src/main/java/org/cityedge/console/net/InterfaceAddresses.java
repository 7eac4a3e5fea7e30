package org.cityedge.console.net;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;
import java.util.Optional;

/** Finds where to listen: the first IPv4 address of a named network interface. */
@FunctionalInterface
public interface InterfaceAddresses {

    /** The first IPv4 address of the interface, empty when it does not exist or has none. */
    Optional<String> firstIpv4(String interfaceName);

    /** The machine's interfaces. */
    InterfaceAddresses SYSTEM = name -> {
        try {
            NetworkInterface nic = NetworkInterface.getByName(name);
            if (nic == null) {
                return Optional.empty();
            }
            for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                if (a instanceof Inet4Address && !a.isAnyLocalAddress()) {
                    return Optional.of(a.getHostAddress());
                }
            }
            return Optional.empty();
        } catch (SocketException e) {
            return Optional.empty();
        }
    };
}
