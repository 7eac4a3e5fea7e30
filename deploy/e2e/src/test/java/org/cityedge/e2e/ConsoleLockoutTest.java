package org.cityedge.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Guessing the console password: each wrong one in Chromium says how many attempts are left; after
 * {@value #MAX_FAILURES} the address is locked out and even the right password is refused, with the wait in the page
 * and in {@code Retry-After}. Its own gateway (a site with no devices): the lockout must not spill into other tests.
 */
class ConsoleLockoutTest {

    private static final int MAX_FAILURES = 3;
    private static final String SITE = """
            site: lockout
            gatewayId: e2e-lock-01
            timezone: Asia/Ho_Chi_Minh
            buses: []
            devices: []
            """;

    private static TestBed bed;
    private static ConsoleClient console;
    private static Chromium browser;

    @BeforeAll
    static void start() {
        int port = LoopbackPorts.free();
        bed = TestBed.start("console-lockout", SITE, config -> config.console(port,
                Map.of("maxFailures", MAX_FAILURES, "lockoutMinutes", 1)));
        console = new ConsoleClient(port, bed.state()).awaitServing(bed::diagnostics);
        console.setPassword(ConsoleClient.PASSWORD);
        browser = Chromium.start(bed.dir());
    }

    @AfterAll
    static void stop() {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            if (bed != null) {
                bed.close();
            }
        }
    }

    @Test
    void wrongPasswordsCountDownThenEvenTheRightOneIsLockedOut() {
        HttpResponse<String> right = login(ConsoleClient.PASSWORD);
        assertThat(right.statusCode()).as("the right password before any failure: " + right.body()).isEqualTo(200);

        browser.open(console.base() + "/");
        browser.await("the login form", d -> d.findElement(By.id("login-password")).isDisplayed());
        for (int left = MAX_FAILURES - 1; left >= 0; left--) {
            String expected = "Wrong password: " + left + (left == 1 ? " attempt" : " attempts") + " left.";
            submit("not-the-password-" + left);
            browser.await("#login-error saying " + expected, d -> browser.text("#login-error").equals(expected));
        }
        submit(ConsoleClient.PASSWORD);
        browser.await("#login-error saying locked out", d -> browser.text("#login-error").contains("locked out"));
        assertThat(browser.text("#login-error")).matches("Too many wrong passwords: locked out, try again in .+\\.");
        assertThat(browser.find("#app").isDisplayed()).as("the console stays hidden").isFalse();
        assertThat(browser.driver().manage().getCookieNamed("cityedge_session")).isNull();

        HttpResponse<String> locked = login(ConsoleClient.PASSWORD);
        assertThat(locked.statusCode()).as(locked.body()).isEqualTo(429);
        JsonNode body = ConsoleClient.json(locked.body());
        assertThat(body.path("error").asText()).isEqualTo("locked out");
        long retryAfter = Long.parseLong(locked.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, 60L);
        assertThat(body.path("retryAfterS").asLong()).isEqualTo(retryAfter);
        assertThat(locked.headers().firstValue("Set-Cookie")).isEmpty();

        JsonNode refusals = console.get("/api/status").path("console").path("refusalsByStatus");
        assertThat(refusals.path("401").asLong()).as(refusals.toString()).isGreaterThanOrEqualTo(MAX_FAILURES);
        assertThat(refusals.path("429").asLong()).as(refusals.toString()).isGreaterThanOrEqualTo(2);
    }

    private static void submit(String password) {
        var field = browser.find("#login-password");
        field.clear();
        field.sendKeys(password);
        browser.find("#login-submit").click();
    }

    private static HttpResponse<String> login(String password) {
        return console.post("/api/login", "{\"password\":\"" + password + "\"}");
    }
}
