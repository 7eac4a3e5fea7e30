package org.cityedge.modbus.internal.testing;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * pymodbus 3 (under /usr/bin/python3) serving fixed registers: an independent Modbus implementation to test
 * against. See src/test/resources/modbus_server.py for the spec format.
 */
public final class PymodbusServer extends ExternalProcess {

    public static final String PYTHON = "/usr/bin/python3";

    private final int port;

    private PymodbusServer(List<String> command, Path log, int port) throws IOException {
        super("pymodbus", command, log);
        this.port = port;
    }

    /** Starts a TCP server on {@code port} (0: a free one) and waits until it accepts connections. */
    public static PymodbusServer tcp(Path dir, String spec, int port) throws Exception {
        int p = port == 0 ? freePort() : port;
        PymodbusServer server = new PymodbusServer(command(dir, spec, "--tcp", String.valueOf(p)),
                dir.resolve("pymodbus-" + p + ".log"), p);
        try {
            server.await("listening TCP port " + p, 15_000, () -> accepts(p));
        } catch (Throwable t) {
            server.close();
            throw t;
        }
        return server;
    }

    /** Starts an RTU server on a serial device (one end of a pty pair). */
    public static PymodbusServer serial(Path dir, String spec, Path device) throws Exception {
        return new PymodbusServer(command(dir, spec, "--serial", device.toString()),
                dir.resolve("pymodbus-serial.log"), 0);
    }

    public int port() {
        return port;
    }

    private static List<String> command(Path dir, String spec, String... mode) throws IOException {
        require(PYTHON, "run the pymodbus test server");
        Path specFile = Files.createTempFile(dir, "spec", ".json");
        Files.writeString(specFile, spec);
        List<String> command = new ArrayList<>(List.of(PYTHON, script().toString(), specFile.toString()));
        command.addAll(List.of(mode));
        return command;
    }

    private static Path script() {
        try {
            return Path.of(PymodbusServer.class.getResource("/modbus_server.py").toURI());
        } catch (URISyntaxException | NullPointerException e) {
            return fail("modbus_server.py is not on the test class path");
        }
    }

    /** Verifies pymodbus imports, failing with a clear message when it is not installed. */
    public static void requirePymodbus() throws Exception {
        require(PYTHON, "run the pymodbus test server");
        Process check = new ProcessBuilder(PYTHON, "-c", "import pymodbus.server").redirectErrorStream(true).start();
        String out = new String(check.getInputStream().readAllBytes());
        if (check.waitFor() != 0) {
            fail("pymodbus is missing under " + PYTHON + " (apt-get install python3-pymodbus): " + out);
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
