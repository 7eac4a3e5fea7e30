/**
 * The console's HTTP layer on the servlet whiteboard: the API servlet (Host check against DNS rebinding, routing,
 * authentication, CSRF and Origin checks, JSON errors, refusal counts), the static file servlet, and the security
 * headers both set on every response. Endpoints themselves live in {@code org.cityedge.console.api}.
 */
package org.cityedge.console.http;
