/**
 * Who may use the console: the password hash (PBKDF2), the per-address login lockout, the in-memory sessions with
 * their CSRF tokens, the Origin check, and the CLI's bearer token file. Plain Java with an injectable clock, so the
 * rules are unit-tested without a server.
 */
package org.cityedge.console.security;
