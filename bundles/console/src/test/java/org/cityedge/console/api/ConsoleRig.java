package org.cityedge.console.api;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;

import org.cityedge.api.control.PointControl;
import org.cityedge.api.field.BusScanner;
import org.cityedge.api.field.FieldDevices;
import org.cityedge.api.profile.DeviceProfile;
import org.cityedge.api.provision.Provisioning;
import org.cityedge.api.site.BusDefinition;
import org.cityedge.api.site.BusType;
import org.cityedge.api.site.DeviceDefinition;
import org.cityedge.api.site.GeoPoint;
import org.cityedge.api.site.Parity;
import org.cityedge.api.site.Site;
import org.cityedge.api.site.SiteService;
import org.cityedge.console.TestProfiles;
import org.cityedge.console.http.Json;
import org.cityedge.console.http.Refusals;
import org.cityedge.console.http.StaticServlet;
import org.cityedge.console.live.LampTester;
import org.cityedge.console.live.ReadingHistory;
import org.cityedge.console.live.ScanRegistry;
import org.cityedge.console.security.CliToken;
import org.cityedge.console.security.ConsoleSecurity;
import org.cityedge.console.security.PasswordHasher;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The console's servlets in a real Jetty 11 on 127.0.0.1 (an ephemeral port), as Felix HTTP runs them, with the
 * gateway services mocked at the api bundle's seam, and an HTTP client that keeps the session cookie.
 */
final class ConsoleRig implements AutoCloseable {

    static final String PASSWORD = "cabinet-key-2026";

    final GatewayServices services = new GatewayServices();
    final Provisioning provisioning = mock(Provisioning.class);
    final SiteService siteService = mock(SiteService.class);
    final PointControl control = mock(PointControl.class);
    final FieldDevices driver = mock(FieldDevices.class);
    final BusScanner scanner = mock(BusScanner.class);
    final ReadingHistory history = new ReadingHistory(System::currentTimeMillis);
    final Refusals refusals = new Refusals();
    final SecureRandom random = new SecureRandom();
    // a cheap hash keeps the tests quick: verification reads the iteration count from the stored hash
    final PasswordHasher hasher = new PasswordHasher(random, 1_000);
    final ConsoleSecurity security;
    final CliToken token;
    final String tokenText;
    private final Server server;
    final int port;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    String cookie;
    String csrf;

    ConsoleRig(Path state, boolean withPassword) throws Exception {
        this(state, withPassword, PasswordHasher::verify);
    }

    /** @param verifier checks passwords (a test slows it down to hold logins in flight) */
    ConsoleRig(Path state, boolean withPassword, BiPredicate<String, String> verifier) throws Exception {
        security = new ConsoleSecurity(System::currentTimeMillis, random, hasher, verifier);
        security.configure(withPassword ? hasher.hash(PASSWORD) : "", 30, 5, 15);
        token = CliToken.create(state, random);
        tokenText = Files.readString(token.file()).strip();
        security.cliToken(token);

        DeviceProfile lamp = TestProfiles.lamp();
        Site site = new Site("dong-xoai", "dx-cab-001", new GeoPoint(11.5349, 106.8832), "Asia/Ho_Chi_Minh",
                List.of(new BusDefinition("rs485-1", BusType.SERIAL, "/dev/ttyUSB0", 9600, Parity.EVEN, 1, null, 0,
                        0, 1), new BusDefinition("nbiot", BusType.COAP, null, 0, null, 0, null, 0, 0, 1)),
                List.of(new DeviceDefinition("sl-001", "Lamp 1, Phu Rieng Do", "rs485-1", 1, lamp.id(),
                        new GeoPoint(11.5352, 106.88315), "circuit-a")));
        when(siteService.site()).thenReturn(site);
        when(siteService.profiles()).thenReturn(Map.of(lamp.id(), lamp));
        when(driver.deviceIds()).thenReturn(Set.of("sl-001"));
        when(scanner.scannableBuses()).thenReturn(Set.of("rs485-1"));
        services.provisioning(provisioning);
        services.siteService(siteService);
        services.pointControl(control);
        services.drivers().add(driver);
        services.scanners().add(scanner);

        LampTester tester = new LampTester(System::currentTimeMillis, ms -> { });
        ScanRegistry scans = new ScanRegistry(System::currentTimeMillis, random);
        QueuedThreadPool threads = new QueuedThreadPool(20, 2); // room for a burst of concurrent logins
        threads.setName("console-test");
        server = new Server(threads);
        ServerConnector connector = new ServerConnector(server, 1, 1);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.addServlet(new ServletHolder(ConsoleApi.servlet(services, security, history, scans, tester,
                refusals)), "/api/*");
        context.addServlet(new ServletHolder(new StaticServlet(refusals)), "/");
        server.setHandler(context);
        server.start();
        port = connector.getLocalPort();
    }

    String origin() {
        return "http://127.0.0.1:" + port;
    }

    /** A request; header pairs follow the body. The session cookie goes along once logged in. */
    HttpResponse<String> send(String method, String path, String body, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(origin() + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A change as the console page sends it: session cookie, CSRF token, own Origin. */
    HttpResponse<String> change(String method, String path, String body) throws IOException, InterruptedException {
        return send(method, path, body, "X-CSRF-Token", csrf, "Origin", origin(), "Content-Type",
                "application/json");
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send("GET", path, null);
    }

    /** Logs in with the right password and keeps the cookie and the CSRF token. */
    void login() throws IOException, InterruptedException {
        HttpResponse<String> r = send("POST", "/api/login", "{\"password\":\"" + PASSWORD + "\"}");
        if (r.statusCode() != 200) {
            throw new IllegalStateException("login failed: " + r.statusCode() + " " + r.body());
        }
        String setCookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        cookie = setCookie.substring(0, setCookie.indexOf(';'));
        csrf = json(r).get("csrfToken").asText();
    }

    static JsonNode json(HttpResponse<String> r) {
        try {
            return Json.MAPPER.readTree(r.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + r.body(), e);
        }
    }

    @Override
    public void close() throws Exception {
        server.stop();
        token.delete();
    }
}
