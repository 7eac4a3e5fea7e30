package org.cityedge.bench;

import java.io.PrintWriter;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code java -jar cityedge-bench.jar bus|tcp|scan [options]}. Each benchmark prints progress lines and ends with one
 * line of {@code name=value} figures. Exit 0 when the benchmark ran (whatever the figures), 1 when it could not run, 2 for
 * a wrong argument.
 */
@Command(name = "cityedge-bench", mixinStandardHelpOptions = true, version = "cityedge-bench 0.1.0",
        description = "Field-layer benchmarks of the Modbus engine against the hardware simulator.",
        subcommands = {BusBench.class, TcpBench.class, ScanBench.class, TcpFieldProcess.class})
public final class BenchMain implements Runnable {

    public static void main(String[] args) {
        // engine and simulator log their routine start/stop at INFO; a benchmark's output is its figures
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        CommandLine cli = new CommandLine(new BenchMain());
        cli.setOut(new PrintWriter(System.out, true)).setErr(new PrintWriter(System.err, true));
        System.exit(cli.execute(args));
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(new CommandLine(this), "name a benchmark: bus, tcp or scan");
    }
}
