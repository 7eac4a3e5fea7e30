package org.cityedge.console.api;

import java.util.Map;

import org.cityedge.api.provision.ChangeResult;
import org.cityedge.api.provision.Provisioning;
import org.cityedge.console.http.ApiException;
import org.cityedge.console.http.Authenticator;
import org.cityedge.console.http.Exchange;
import org.cityedge.console.http.Json;
import org.cityedge.console.http.Reply;
import org.cityedge.console.security.ConsoleSecurity;
import org.cityedge.console.security.LoginThrottle;
import org.cityedge.console.security.PasswordHasher;
import org.cityedge.console.security.SessionStore.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Login, logout, the session's CSRF token, and the console password. */
final class SessionEndpoints {

    static final String CONSOLE_PID = "org.cityedge.console";
    static final String NO_PASSWORD = "no console password set: run cityedge provision console password";
    private static final Logger LOG = LoggerFactory.getLogger(SessionEndpoints.class);

    private final ConsoleSecurity security;
    private final GatewayServices services;

    SessionEndpoints(ConsoleSecurity security, GatewayServices services) {
        this.security = security;
        this.services = services;
    }

    Reply login(Exchange ex) throws ApiException {
        Input in = Input.of(ex.jsonObject());
        String password = in.text("password", true);
        in.check();
        if (!security.passwordSet()) {
            throw ApiException.conflict(NO_PASSWORD);
        }
        if (security.passwordHashBroken()) {
            throw ApiException.conflict("the stored console password hash is unreadable: set a new password with"
                    + " cityedge provision console password");
        }
        String address = ex.remoteAddress();
        try (LoginThrottle.Attempt attempt = security.throttle().attempt(address)) {
            if (!attempt.admitted()) {
                throw attempt.lockedOut() ? lockedOut(attempt.waitMs()) : busy(attempt.waitMs());
            }
            if (!security.passwordMatches(password)) {
                LoginThrottle.Verdict v = attempt.failed();
                if (v.lockedForMs() > 0) {
                    LOG.warn("console: {} locked out for {} s after repeated wrong passwords", address,
                            seconds(v.lockedForMs()));
                }
                throw new ApiException(401, "wrong password").with("attemptsLeft", v.attemptsLeft());
            }
            long locked = attempt.succeeded(); // a lockout set by other attempts while this one was checked wins
            if (locked > 0) {
                throw lockedOut(locked);
            }
        }
        if (ex.caller().session() != null) {
            security.sessions().remove(ex.caller().sessionId());
        }
        Session s = security.sessions().create();
        return Reply.ok(Json.object().put("csrfToken", s.csrfToken())).withHeader("Set-Cookie", cookie(s.id()));
    }

    Reply logout(Exchange ex) {
        security.sessions().remove(ex.caller().sessionId());
        return Reply.ok(Json.object()).withHeader("Set-Cookie",
                Authenticator.COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict");
    }

    Reply session(Exchange ex) throws ApiException {
        Session s = ex.caller().session();
        if (s == null) {
            throw new ApiException(401, security.passwordSet() ? "login required" : NO_PASSWORD);
        }
        return Reply.ok(Json.object().put("csrfToken", s.csrfToken()));
    }

    /** The first password only with the CLI token; later ones from a session too. */
    Reply password(Exchange ex) throws ApiException {
        if (!security.passwordSet() && !ex.caller().cli()) {
            throw new ApiException(401, "no console password set yet: the first one is set on the gateway with"
                    + " cityedge provision console password");
        }
        Input in = Input.of(ex.jsonObject());
        String password = in.text("password", true);
        if (password != null && PasswordHasher.problem(password) != null) {
            in.problem("password", PasswordHasher.problem(password));
        }
        if (!in.ok()) {
            return Views.change(in.refusal());
        }
        String hash = security.hasher().hash(password);
        String keep = ex.caller().sessionId();
        Provisioning provisioning = services.provisioning();
        // announced first: the new hash may come back through ConfigAdmin (modified) before configure returns, and
        // must not log out the session that set it
        security.passwordChanging(hash, keep);
        ChangeResult r;
        try {
            r = provisioning.configure(Map.of(CONSOLE_PID, Map.of("passwordHash", hash)));
        } catch (RuntimeException e) {
            security.passwordChanged(hash, keep, false);
            throw e;
        }
        security.passwordChanged(hash, keep, r.applied());
        if (r.applied()) {
            LOG.info("console: password changed by {}", ex.caller().cli() ? "the CLI" : "a console session");
        }
        return Views.change(r);
    }

    static String cookie(String sessionId) {
        return Authenticator.COOKIE + "=" + sessionId + "; Path=/; HttpOnly; SameSite=Strict";
    }

    static ApiException lockedOut(long lockedForMs) {
        long s = seconds(lockedForMs);
        return new ApiException(429, "locked out").with("retryAfterS", s).header("Retry-After", String.valueOf(s));
    }

    /** Refused before checking: {@code maxFailures} checks from this address are under way. */
    static ApiException busy(long retryMs) {
        long s = seconds(retryMs);
        return new ApiException(429, "too many logins under way from this address").with("retryAfterS", s)
                .header("Retry-After", String.valueOf(s));
    }

    private static long seconds(long ms) {
        return Math.max(1, (ms + 999) / 1000);
    }
}
