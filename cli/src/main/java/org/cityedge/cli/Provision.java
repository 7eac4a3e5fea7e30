package org.cityedge.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

import org.cityedge.cli.gateway.Credentials;
import org.cityedge.cli.gateway.Failure;
import org.cityedge.cli.gateway.GatewayAddress;
import org.cityedge.cli.gateway.GatewayClient;
import org.cityedge.cli.gateway.PasswordPrompt;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code cityedge provision}: the root command, its connection options and the process entry points.
 */
@Command(name = "cityedge provision", mixinStandardHelpOptions = true, version = "cityedge provision 0.1.0",
        description = { "Provisions a cityedge gateway through its local HTTP API: identity, IOC connection, TLS, "
                + "bus scans, devices, tests of a lamp, status, export and import.",
                "On the gateway itself the CLI authenticates with the token the gateway writes at each start; from "
                        + "a laptop it logs in with the console password." },
        subcommands = { IdentityCommand.class, IocCommand.class, TlsCommand.class, TrustCommand.class,
                ConsoleCommand.class, ConfigCommand.class, ScanCommand.class, AssignCommand.class,
                RemoveCommand.class, TestCommand.class, StatusCommand.class, ExportCommand.class,
                ImportCommand.class, CommandLine.HelpCommand.class },
        footerHeading = "%nExit codes:%n",
        footer = { "  0  done", "  1  refused by the gateway (each problem printed as field: message)",
                "  2  usage error", "  3  gateway unreachable or not authorised", "",
                "Examples:",
                "  cityedge provision status",
                "  cityedge provision identity set --site dong-xoai --gateway-id dx-cab-001 \\",
                "      --lat 11.5349 --lon 106.8832 --timezone Asia/Ho_Chi_Minh",
                "  cityedge provision --gateway http://192.168.7.1:8080 --password-file pw.txt \\",
                "      scan --bus rs485-1 --auto --assign",
                "  cityedge provision test sl-001 --dim 40" })
public final class Provision implements Callable<Integer> {

    static final String DEFAULT_GATEWAY = GatewayAddress.DEFAULT;
    static final String DEFAULT_STATE = "/var/lib/cityedge";

    @Spec
    CommandSpec spec;

    @Option(names = "--gateway", paramLabel = "URL", scope = ScopeType.INHERIT,
            description = "The gateway's console URL (default: $CITYEDGE_GATEWAY, else the URL the console wrote to "
                    + "console/url next to the token file - on the gateway itself - else " + DEFAULT_GATEWAY + "). "
                    + "The token is only sent to a loopback address or to that URL.")
    String gatewayUrl;

    @Option(names = "--token-file", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "The gateway's CLI token (default: $CITYEDGE_STATE/console/cli-token, else "
                    + DEFAULT_STATE + "/console/cli-token). Used when readable.")
    Path tokenFile;

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "File holding the console password, for logging in when the token is not readable "
                    + "(else $CITYEDGE_CONSOLE_PASSWORD, else a prompt on a terminal). Give it before the "
                    + "subcommand.")
    Path passwordFile;

    @Option(names = "--json", scope = ScopeType.INHERIT,
            description = "Print the gateway's answer as JSON instead of tables.")
    boolean json;

    private final Map<String, String> environment;
    private final PasswordPrompt prompt;
    private final PrintStream out;
    private final PrintStream err;
    private GatewayClient gateway;

    Provision(Map<String, String> environment, PasswordPrompt prompt, PrintStream out, PrintStream err) {
        this.environment = environment;
        this.prompt = prompt;
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err, System.getenv(), PasswordPrompt.systemConsole()));
    }

    /** Runs the command line with these streams and the process environment; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, System.getenv(), PasswordPrompt.NONE);
    }

    /**
     * Runs the command line; returns the exit code.
     *
     * @param environment stands in for the process environment ({@code CITYEDGE_GATEWAY}, {@code CITYEDGE_STATE},
     *                    {@code CITYEDGE_CONSOLE_PASSWORD})
     * @param prompt      asks for passwords; {@link PasswordPrompt#NONE} when nobody is there
     */
    public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> environment,
            PasswordPrompt prompt) {
        Provision root = new Provision(environment, prompt, out, err);
        // Wide enough for the examples in the footers; a terminal's own width when there is one.
        CommandLine commandLine = new CommandLine(root).setUsageHelpWidth(110).setUsageHelpAutoWidth(true)
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true)).setExecutionExceptionHandler((e, cmd, parsed) -> {
                    out.flush();
                    return report(e, root, out, err);
                });
        int code = commandLine.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    private static int report(Exception e, Provision root, PrintStream out, PrintStream err) {
        if (e instanceof Failure failure) {
            if (root.json && failure.answer() != null) {
                Output.printJson(out, failure.answer());
            }
            failure.lines().forEach(err::println);
            return failure.exitCode();
        }
        err.println("error: unexpected " + e);
        e.printStackTrace(err);
        return Failure.REFUSED;
    }

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing required subcommand");
    }

    /** The client, made on first use so that {@code --help} and usage errors never touch the network. */
    GatewayClient gateway() {
        if (gateway == null) {
            Credentials credentials = credentials();
            String given = gatewayUrl != null ? gatewayUrl : environment.get("CITYEDGE_GATEWAY");
            gateway = new GatewayClient(GatewayAddress.resolve(given,
                    credentials.tokenFile().resolveSibling(GatewayAddress.URL_FILE)), credentials);
        }
        return gateway;
    }

    Output output() {
        return new Output(out, err, json, isTerminal());
    }

    PasswordPrompt prompt() {
        return prompt;
    }

    /** Bars and prompts only for a person at a terminal: never when the output goes to a file, a pipe or a test. */
    private boolean isTerminal() {
        return out == System.out && System.console() != null;
    }

    private Credentials credentials() {
        Path token = tokenFile;
        if (token == null) {
            String state = environment.getOrDefault("CITYEDGE_STATE", "");
            token = Path.of(state.isBlank() ? DEFAULT_STATE : state, "console", "cli-token");
        }
        return new Credentials(token, passwordFile, environment.get("CITYEDGE_CONSOLE_PASSWORD"), prompt);
    }
}
