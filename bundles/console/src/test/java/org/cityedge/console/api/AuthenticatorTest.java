package org.cityedge.console.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;

import org.cityedge.console.http.ApiException;
import org.cityedge.console.http.Authenticator;
import org.cityedge.console.http.Router.Access;
import org.cityedge.console.security.CliToken;
import org.cityedge.console.security.ConsoleSecurity;
import org.cityedge.console.security.PasswordHasher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jakarta.servlet.http.HttpServletRequest;

/** The bearer token from elsewhere than loopback: a request a test server on 127.0.0.1 cannot receive. */
class AuthenticatorTest {

    @TempDir
    Path state;

    @Test
    void theCliTokenIsRefusedFromOtherAddressesEvenWhenRight() throws Exception {
        SecureRandom random = new SecureRandom();
        ConsoleSecurity security = new ConsoleSecurity(System::currentTimeMillis, random,
                new PasswordHasher(random, 1000));
        CliToken token = CliToken.create(state, random);
        security.cliToken(token);
        String text = Files.readString(token.file()).strip();
        Authenticator auth = new Authenticator(security);

        for (String loopback : new String[] {"127.0.0.1", "127.3.2.1", "::1", "0:0:0:0:0:0:0:1", "[::1]"}) {
            assertThat(auth.authenticate(request(loopback, text), Access.AUTHENTICATED).cli()).as(loopback).isTrue();
        }
        for (String lan : new String[] {"192.168.50.20", "10.0.0.1", "fe80::1", "localhost", "cafe"}) {
            assertThatThrownBy(() -> auth.authenticate(request(lan, text), Access.AUTHENTICATED)).as(lan)
                    .isInstanceOf(ApiException.class).hasMessageContaining("from the gateway itself only")
                    .extracting(e -> ((ApiException) e).status()).isEqualTo(401);
        }
    }

    @Test
    void theCliTokenIsAcceptedFromTheAddressTheConsoleListensOn() throws Exception {
        SecureRandom random = new SecureRandom();
        ConsoleSecurity security = new ConsoleSecurity(System::currentTimeMillis, random,
                new PasswordHasher(random, 1000));
        CliToken token = CliToken.create(state, random);
        security.cliToken(token);
        String text = Files.readString(token.file()).strip();
        Authenticator auth = new Authenticator(security);

        // the CLI on the gateway after "console listen --interface eth1": it connects to 192.168.50.1 from there
        assertThat(auth.authenticate(request("192.168.50.1", text, "192.168.50.1"), Access.AUTHENTICATED).cli())
                .isTrue();
        assertThat(auth.authenticate(request("fe80:0:0:0:0:0:0:7", text, "fe80::7"), Access.AUTHENTICATED).cli())
                .as("the same address written two ways").isTrue();
        assertThatThrownBy(() -> auth.authenticate(request("192.168.50.20", text, "192.168.50.1"),
                Access.AUTHENTICATED)).as("a laptop on that LAN").isInstanceOf(ApiException.class)
                .hasMessageContaining("from the gateway itself only");
    }

    private static HttpServletRequest request(String remote, String token) {
        return request(remote, token, null);
    }

    private static HttpServletRequest request(String remote, String token, String local) {
        HttpServletRequest r = mock(HttpServletRequest.class);
        when(r.getMethod()).thenReturn("GET");
        when(r.getLocalAddr()).thenReturn(local);
        when(r.getRemoteAddr()).thenReturn(remote);
        when(r.getHeader("Authorization")).thenReturn("Bearer " + token);
        return r;
    }
}
