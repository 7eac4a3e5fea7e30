package org.cityedge.cli;

import java.util.concurrent.Callable;

import org.cityedge.cli.gateway.GatewayClient;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A subcommand that talks to the gateway: reaches the root's connection and output through picocli's spec. */
abstract class GatewayCommand implements Callable<Integer> {

    static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    final Provision root() {
        return (Provision) spec.root().userObject();
    }

    final GatewayClient gateway() {
        return root().gateway();
    }

    final Output output() {
        return root().output();
    }

    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    /** A usage error picocli reports with the command's usage and exit code 2. */
    final CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    /** A command that only groups subcommands: called alone it is a usage error. */
    abstract static class Group implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            throw new CommandLine.ParameterException(spec.commandLine(), "Missing required subcommand: "
                    + String.join(" or ", spec.subcommands().keySet()));
        }
    }
}
