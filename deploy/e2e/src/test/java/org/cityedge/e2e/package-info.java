/**
 * End-to-end tests of the real gateway process, seen from the IOC and from a technician on site.
 *
 * <p>Each test class runs the runnable distribution ({@code deploy/target/gateway.jar}) as a child JVM with the
 * launcher's flags, a real Mosquitto on a free loopback port with persistence, the hardware simulator (in-process,
 * {@code SimulatorExtension}) serving a small site of {@code src/test/resources/sites}, and an IOC-side Paho MQTT v5
 * subscriber with a persistent session that validates every message against the JSON Schemas of {@code docs/mqtt}.
 *
 * <p>Commissioning (issue 6): {@code ProvisionCliTest} runs {@code cityedge provision} in-process
 * ({@code Provision.run}, authenticated by the token the gateway writes under its state directory) through a whole
 * visit, from a scan of a gateway that knows its buses but no device ({@code binh-duong-field.yaml} is the field's
 * truth) to an import onto a replacement gateway; the IOC's CA and keys are made with the openssl command line and
 * the broker gets a second, mutual-TLS listener. {@code ConsoleBrowserTest} and {@code ConsoleLockoutTest} drive the
 * web console in Debian's headless Chromium through Selenium and Debian's chromedriver (both paths given, so Selenium
 * Manager never downloads anything). Each class configures the console on a free loopback port with
 * {@code listen=always}.
 *
 * <p>Decisions: the gateway is a process, not an in-JVM framework, so that SIGTERM, kill -9 and the state directory
 * behave as on a cabinet; waits are bounded and poll for a condition (never a fixed sleep standing in for one), and no
 * test asserts a wall-clock upper limit, so a busy CI machine makes them slower, not red. Everything started is
 * stopped in {@code finally} / {@code close()}, gateway first, broker last.
 */
package org.cityedge.e2e;
