package org.cityedge.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.cityedge.simulator.SimulatedDevice;
import org.cityedge.simulator.junit.SimulatorExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;

/**
 * The web console in a real headless Chromium (Debian's, through Selenium and Debian's chromedriver) against the real
 * gateway, the simulated lamps and Mosquitto: log in, see the uplink, scan a bus from the page, watch live readings
 * and sparklines, dim a lamp and see the simulator follow; then the CSRF defences, from java.net.http with the
 * browser's own session cookie and from a page of another origin opened in the same logged-in browser.
 * The tests run in order: the first logs in, the others use that session.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTest {

    private static final String LIGHTS_BUS = "lights-tcp";
    private static final String COOKIE = "cityedge_session";

    @RegisterExtension
    static final SimulatorExtension SIM = SimulatorExtension.forSite(Sites.path(Sites.SAIGON_D1)).isolated();

    private static TestBed bed;
    private static ConsoleClient console;
    private static Chromium browser;

    @BeforeAll
    static void start() {
        int port = LoopbackPorts.free();
        bed = TestBed.start("console-browser", Sites.read(SIM.siteFile()), config -> config.console(port, Map.of()));
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
    @Order(1)
    void loggingInShowsTheUplinkState() {
        browser.open(console.base() + "/");
        browser.await("the login form", d -> d.findElement(By.id("login-password")).isDisplayed());
        assertThat(browser.find("#app").isDisplayed()).isFalse();
        browser.find("#login-password").sendKeys(ConsoleClient.PASSWORD);
        browser.find("#login-submit").click();
        browser.await("the console after logging in", d -> d.findElement(By.id("app")).isDisplayed());
        browser.await("#status-uplink saying CONNECTED", d -> browser.text("#status-uplink").startsWith("CONNECTED"));
        assertThat(browser.text("#status-uplink")).contains(bed.broker().url());
        assertThat(browser.text("#status-buffer-depth")).matches("\\d+");

        Cookie session = browser.driver().manage().getCookieNamed(COOKIE);
        assertThat(session).as("the session cookie").isNotNull();
        assertThat(session.isHttpOnly()).isTrue();
        assertThat(session.getSameSite()).isEqualTo("Strict");
    }

    @Test
    @Order(2)
    void aScanFromThePageFindsEverySimulatedDeviceWithItsProfile() {
        browser.await("the lights bus in #scan-bus",
                d -> !d.findElements(By.cssSelector("#scan-bus option[value='" + LIGHTS_BUS + "']")).isEmpty());
        new Select(browser.find("#scan-bus")).selectByValue(LIGHTS_BUS);
        type("#scan-first", "1");
        type("#scan-last", "5");
        browser.find("#scan-start").click();
        browser.await("#scan-state done", d -> browser.text("#scan-state").equals("done"));

        WebElement progress = browser.find("#scan-progress");
        assertThat(progress.getAttribute("data-total")).isEqualTo("5");
        assertThat(progress.getAttribute("data-done")).isEqualTo("5");
        List<SimulatedDevice> onBus = SIM.simulator().devices().stream()
                .filter(d -> d.definition().bus().equals(LIGHTS_BUS)).toList();
        assertThat(onBus).hasSize(3);
        assertThat(browser.driver().findElements(By.cssSelector("#scan-found tbody tr"))).hasSize(onBus.size());
        for (SimulatedDevice d : onBus) {
            assertThat(browser.text("#scan-found tr[data-unit='" + d.unitId() + "'] td.profile"))
                    .as("profile found at unit " + d.unitId()).isEqualTo(d.profile().id());
        }
    }

    @Test
    @Order(3)
    void theDeviceTableShowsLiveReadingsWithSparklines() {
        String dim = "tr[data-device='sl-101'] span.reading[data-point='dimLevel'] .value";
        browser.await("a dimLevel reading of sl-101", d -> !browser.text(dim).isEmpty()
                && !browser.text(dim).equals("—"));
        String voltage = "tr[data-device='sl-102'] span.reading[data-point='voltage'] .value";
        browser.await("a voltage reading of sl-102", d -> !browser.text(voltage).isEmpty());
        SimulatedDevice lamp = SIM.simulator().device("sl-102");
        try {
            lamp.set("voltage", 218.7); // a value the model's noise around 230 V never gives
            browser.await("the page following sl-102's supply to 218.7 V", d -> browser.text(voltage).equals("218.7"));
        } finally {
            lamp.release("voltage");
        }
        browser.await("a sparkline of sl-101's voltage", d -> !d.findElements(By.cssSelector(
                "tr[data-device='sl-101'] span.reading[data-point='voltage'] svg.sparkline polyline")).isEmpty());
    }

    @Test
    @Order(4)
    void dimmingALampFromThePageMovesTheSimulatedLamp() {
        SimulatedDevice lamp = SIM.simulator().device("sl-101");
        int level = lamp.value("dimLevel") == 40 ? 45 : 40;
        String row = "tr[data-device='sl-101'] ";
        type(row + "input.dim-level", String.valueOf(level));
        browser.find(row + "button.dim-apply").click();
        browser.await("the dim's result", d -> browser.find(row + "span.result").getAttribute("class")
                .matches(".*\\b(ok|failed)\\b.*"));
        assertThat(browser.find(row + "span.result").getAttribute("class")).as(browser.text(row + "span.result"))
                .contains("ok");
        assertThat(browser.text(row + "span.result")).contains("ok");
        assertThat(lamp.value("dimLevel")).isEqualTo(level);
        String reading = row + "span.reading[data-point='dimLevel'] .value";
        browser.await("sl-101's dimLevel reading following to " + level,
                d -> browser.text(reading).equals(String.valueOf(level)));
    }

    @Test
    @Order(5)
    void theSessionCookieAloneOrFromAForeignOriginDimsNothing() {
        String cookie = COOKIE + "=" + browser.driver().manage().getCookieNamed(COOKIE).getValue();
        SimulatedDevice lamp = SIM.simulator().device("sl-102");
        holdLamp("sl-102", 55);
        String path = "/api/devices/sl-102/dim";
        String body = "{\"level\":7,\"seconds\":60}";

        HttpResponse<String> noToken = console.post(path, body, "Cookie", cookie);
        assertThat(noToken.statusCode()).as(noToken.body()).isEqualTo(403);
        assertThat(noToken.body()).contains("CSRF check failed");

        String csrf = ConsoleClient.json(console.send(HttpRequest.newBuilder(console.uri("/api/session"))
                .header("Cookie", cookie).GET()).body()).path("csrfToken").asText();
        assertThat(csrf).isNotEmpty();
        HttpResponse<String> foreign = console.post(path, body, "Cookie", cookie, "X-CSRF-Token", csrf,
                "Origin", "http://ioc.example.org");
        assertThat(foreign.statusCode()).as(foreign.body()).isEqualTo(403);
        assertThat(lamp.value("dimLevel")).as("sl-102 after both refusals").isEqualTo(55);

        // the control: the same cookie with its token and no foreign origin is obeyed
        HttpResponse<String> proper = console.post(path, body, "Cookie", cookie, "X-CSRF-Token", csrf);
        assertThat(proper.statusCode()).as(proper.body()).isEqualTo(200);
        assertThat(lamp.value("dimLevel")).isEqualTo(7);
    }

    @Test
    @Order(6)
    void aPageOfAnotherOriginCannotDimALampThroughTheLoggedInBrowser() throws IOException {
        SimulatedDevice lamp = SIM.simulator().device("sl-103");
        holdLamp("sl-103", 55);
        long refusedBefore = refusals403();
        AtomicInteger served = new AtomicInteger();
        HttpServer attacker = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        String target = console.base() + "/api/devices/sl-103/dim";
        // text/plain needs no preflight; the field name and value together make {"level":3,...,"pad":"="}
        String page = "<!doctype html><html><body><form id=f method=POST enctype=text/plain action='" + target + "'>"
                + "<input type=hidden name='{\"level\":3,\"seconds\":60,\"pad\":\"' value='\"}'></form>"
                + "<script>document.getElementById('f').submit();</script></body></html>";
        attacker.createContext("/", exchange -> {
            served.incrementAndGet();
            byte[] bytes = page.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        attacker.start();
        try {
            browser.open("http://127.0.0.1:" + attacker.getAddress().getPort() + "/win-a-prize");
            browser.await("the foreign form posted to the console", d -> d.getCurrentUrl().startsWith(target));
            assertThat(served.get()).isEqualTo(1);
            browser.await("the console's refusal", d -> refusals403() > refusedBefore);
            assertThat(browser.driver().getPageSource()).contains("CSRF check failed");
            assertThat(lamp.value("dimLevel")).as("sl-103 after the foreign page").isEqualTo(55);
        } finally {
            attacker.stop(0);
        }
    }

    /** Holds the lamp at a level through the CLI token (no cookie, no CSRF), so no schedule step moves it meanwhile. */
    private static void holdLamp(String id, int level) {
        HttpResponse<String> r = console.post("/api/devices/" + id + "/dim", "{\"level\":" + level
                + ",\"seconds\":600}", "Authorization", "Bearer " + console.token());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(SIM.simulator().device(id).value("dimLevel")).isEqualTo(level);
    }

    private static long refusals403() {
        JsonNode byStatus = console.get("/api/status").path("console").path("refusalsByStatus");
        return byStatus.path("403").asLong();
    }

    private static void type(String css, String text) {
        WebElement input = browser.find(css);
        input.clear();
        input.sendKeys(text);
    }
}
