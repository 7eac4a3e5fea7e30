package org.cityedge.console;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

@ObjectClassDefinition(id = ConsoleComponent.PID, name = "cityedge local console",
        description = "The gateway's local web console and HTTP API for technicians (and the provision CLI)")
@interface ConsoleConfig {

    @AttributeDefinition(description = "Serve the console at all")
    boolean enabled() default true;

    /** {@code interface} is a Java keyword: the single {@code $} is dropped from the property name. */
    @AttributeDefinition(name = "interface", description = "Network interface to listen on (its first IPv4 address),"
            + " e.g. eth1 for the technician's LAN port; lo keeps the console on the gateway itself")
    String interface$() default "lo";

    @AttributeDefinition(description = "TCP port", min = "1", max = "65535")
    int port() default 8080;

    @AttributeDefinition(description = "always: listen whenever enabled. on-demand: listen only after a wake-up (a"
            + " cabinet door switch opening, or cityedge provision on the gateway touching <state>/console/wake) until"
            + " idleMinutes pass without a request; the web server's threads and memory are not spent otherwise",
            options = {@Option(value = "always", label = "always"), @Option(value = "on-demand", label = "on demand")})
    String listen() default "on-demand";

    @AttributeDefinition(description = "On demand: stop listening after this many minutes without a request",
            min = "1", max = "1440")
    int idleMinutes() default 30;

    @AttributeDefinition(type = AttributeType.PASSWORD, description = "Console password hash"
            + " (pbkdf2-sha256$iterations$salt$hash), set with: cityedge provision console password")
    String passwordHash() default "";

    @AttributeDefinition(description = "A session ends after this many minutes without a request", min = "1",
            max = "1440")
    int sessionMinutes() default 30;

    @AttributeDefinition(description = "Wrong passwords from one address within lockoutMinutes before it is locked"
            + " out", min = "1", max = "100")
    int maxFailures() default 5;

    @AttributeDefinition(description = "Window for counting wrong passwords, and how long a lockout lasts, in"
            + " minutes", min = "1", max = "1440")
    int lockoutMinutes() default 15;
}
