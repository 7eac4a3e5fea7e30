package org.cityedge.console.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pages: served from the bundle with the security headers, nothing else reachable. */
class StaticHttpTest {

    @TempDir
    Path state;
    private ConsoleRig rig;

    @BeforeEach
    void start() throws Exception {
        rig = new ConsoleRig(state, true);
    }

    @AfterEach
    void stop() throws Exception {
        rig.close();
    }

    @Test
    void theIndexAndItsScriptsComeWithTheContentSecurityPolicy() throws Exception {
        HttpResponse<String> index = rig.get("/");
        HttpResponse<String> script = rig.get("/app.js");
        HttpResponse<String> style = rig.get("/console.css");

        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(index.body()).contains("id=\"login-password\"").doesNotContain("<script>")
                .doesNotContain("style=").doesNotContain("onclick");
        assertThat(index.headers().firstValue("Content-Security-Policy").orElseThrow())
                .startsWith("default-src 'self'");
        assertThat(index.headers().firstValue("X-Frame-Options")).contains("DENY");
        assertThat(index.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(index.headers().firstValue("Referrer-Policy")).contains("no-referrer");
        assertThat(index.headers().firstValue("Cache-Control")).contains("no-cache");
        assertThat(script.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/javascript");
        assertThat(style.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/css");

        String etag = index.headers().firstValue("ETag").orElseThrow();
        assertThat(rig.send("GET", "/", null, "If-None-Match", etag).statusCode()).isEqualTo(304);
    }

    @Test
    void noPathReachesAnythingButThePages() throws Exception {
        for (String path : new String[] {"/../pom.xml", "/%2e%2e/pom.xml", "/..%2fMETA-INF/MANIFEST.MF",
                "/static/index.html", "/META-INF/MANIFEST.MF", "/org/cityedge/console/ConsoleComponent.class",
                "/..\\pom.xml", "/index.html/..", "/./index.html/../../pom.xml", "/nothing.js"}) {
            String answer = raw("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + rig.port
                    + "\r\nConnection: close\r\n\r\n");
            int status = Integer.parseInt(answer.substring(9, 12));
            assertThat(status).as(path).isIn(400, 404);
            assertThat(answer).as(path).doesNotContain("Bundle-SymbolicName").doesNotContain("<project")
                    .doesNotContain("\u00ca\u00fe\u00ba\u00be"); // a class file's magic number
        }
        String index = raw("GET /index.html HTTP/1.1\r\nHost: 127.0.0.1:" + rig.port + "\r\nConnection: close\r\n\r\n");
        assertThat(index).as("the raw requests themselves work").startsWith("HTTP/1.1 200").contains("login-password");
        assertThat(rig.send("POST", "/", "x").statusCode()).isEqualTo(405);
    }

    private String raw(String request) throws Exception {
        try (Socket s = new Socket("127.0.0.1", rig.port)) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readNBytes(1 << 20), StandardCharsets.ISO_8859_1);
        }
    }
}
