package org.cityedge.console.api;

import static org.cityedge.console.http.Router.Access.AUTHENTICATED;
import static org.cityedge.console.http.Router.Access.OPEN;
import static org.cityedge.console.http.Router.Access.SESSION_AWARE;

import org.cityedge.console.http.ApiServlet;
import org.cityedge.console.http.Authenticator;
import org.cityedge.console.http.Refusals;
import org.cityedge.console.http.Router;
import org.cityedge.console.live.LampTester;
import org.cityedge.console.live.ReadingHistory;
import org.cityedge.console.live.ScanRegistry;
import org.cityedge.console.security.ConsoleSecurity;

/** The endpoint table of docs/console/http-api.md, wired to its handlers. */
public final class ConsoleApi {

    /** Largest import document (site file, settings, certificates). */
    static final int MAX_IMPORT_BYTES = 4 * 1024 * 1024;

    private ConsoleApi() {
    }

    public static Router router(GatewayServices services, ConsoleSecurity security, ReadingHistory history,
            ScanRegistry scans, LampTester tester, Refusals refusals) {
        SessionEndpoints session = new SessionEndpoints(security, services);
        StatusEndpoints status = new StatusEndpoints(services, refusals, security, history);
        ProvisioningEndpoints provisioning = new ProvisioningEndpoints(services);
        DeviceEndpoints devices = new DeviceEndpoints(services, history, tester);
        ScanEndpoints scan = new ScanEndpoints(services, scans);
        return new Router()
                .add("POST", "/login", OPEN, session::login)
                .add("POST", "/logout", SESSION_AWARE, session::logout)
                .add("GET", "/session", SESSION_AWARE, session::session)
                .add("PUT", "/console/password", AUTHENTICATED, session::password)
                .add("GET", "/status", AUTHENTICATED, status::status)
                .add("GET", "/identity", AUTHENTICATED, provisioning::identity)
                .add("PUT", "/identity", AUTHENTICATED, provisioning::setIdentity)
                .add("GET", "/config", AUTHENTICATED, provisioning::config)
                .add("PUT", "/config", AUTHENTICATED, provisioning::configure)
                .add("POST", "/tls/csr", AUTHENTICATED, provisioning::certificateRequest)
                .add("PUT", "/tls/certificate", AUTHENTICATED, provisioning::installCertificate)
                .add("GET", "/tls", AUTHENTICATED, provisioning::tls)
                .add("PUT", "/trust", AUTHENTICATED, provisioning::trust)
                .add("GET", "/buses", AUTHENTICATED, provisioning::buses)
                .add("GET", "/profiles", AUTHENTICATED, provisioning::profiles)
                .add("GET", "/devices", AUTHENTICATED, devices::list)
                .add("POST", "/devices", AUTHENTICATED, provisioning::assign)
                .add("DELETE", "/devices/{id}", AUTHENTICATED, provisioning::remove)
                .add("POST", "/devices/{id}/read", AUTHENTICATED, devices::read)
                .add("POST", "/devices/{id}/dim", AUTHENTICATED, devices::dim)
                .add("POST", "/devices/{id}/blink", AUTHENTICATED, devices::blink)
                .add("POST", "/scans", AUTHENTICATED, scan::start)
                .add("GET", "/scans/{id}", AUTHENTICATED, scan::get)
                .add("DELETE", "/scans/{id}", AUTHENTICATED, scan::cancel)
                .add("GET", "/export", AUTHENTICATED, provisioning::exportConfiguration)
                .add("POST", "/import", AUTHENTICATED, provisioning::importConfiguration, MAX_IMPORT_BYTES);
    }

    /** The servlet serving that table under {@code /api}. */
    public static ApiServlet servlet(GatewayServices services, ConsoleSecurity security, ReadingHistory history,
            ScanRegistry scans, LampTester tester, Refusals refusals) {
        return new ApiServlet(router(services, security, history, scans, tester, refusals),
                new Authenticator(security), refusals);
    }
}
