package org.cityedge.console.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CsrfCheckTest {

    @Test
    void onlyGetAndHeadAreSafe() {
        assertThat(CsrfCheck.safe("GET")).isTrue();
        assertThat(CsrfCheck.safe("HEAD")).isTrue();
        assertThat(CsrfCheck.safe("POST")).isFalse();
        assertThat(CsrfCheck.safe("PUT")).isFalse();
        assertThat(CsrfCheck.safe("DELETE")).isFalse();
        assertThat(CsrfCheck.safe("OPTIONS")).isFalse();
    }

    @Test
    void theTokenMustBeExactlyTheSessions() {
        assertThat(CsrfCheck.tokenMatches("abc123", "abc123")).isTrue();
        assertThat(CsrfCheck.tokenMatches("abc123", "abc124")).isFalse();
        assertThat(CsrfCheck.tokenMatches("abc123", "abc12")).isFalse();
        assertThat(CsrfCheck.tokenMatches("abc123", "")).isFalse();
        assertThat(CsrfCheck.tokenMatches("abc123", null)).isFalse();
        assertThat(CsrfCheck.tokenMatches(null, "abc123")).isFalse();
    }

    @Test
    void anOriginMustBeTheConsolesOwn() {
        assertThat(CsrfCheck.originAllowed(null, "10.0.0.1:8080")).as("no Origin: CLI or same-origin GET").isTrue();
        assertThat(CsrfCheck.originAllowed("http://10.0.0.1:8080", "10.0.0.1:8080")).isTrue();
        assertThat(CsrfCheck.originAllowed("HTTP://Gateway.local:8080", "gateway.local:8080")).isTrue();
        assertThat(CsrfCheck.originAllowed("http://evil.example", "10.0.0.1:8080")).isFalse();
        assertThat(CsrfCheck.originAllowed("http://10.0.0.1:8081", "10.0.0.1:8080")).isFalse();
        assertThat(CsrfCheck.originAllowed("https://10.0.0.1:8080", "10.0.0.1:8080")).isFalse();
        assertThat(CsrfCheck.originAllowed("null", "10.0.0.1:8080")).as("sandboxed frames send null").isFalse();
        assertThat(CsrfCheck.originAllowed("http://10.0.0.1:8080", null)).isFalse();
    }
}
