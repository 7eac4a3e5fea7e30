package org.cityedge.cli.gateway;

import java.io.Console;
import java.util.Optional;

/** Asks a person for a password without echoing it; absent when nobody is there to ask. */
@FunctionalInterface
public interface PasswordPrompt {

    /** The answer, or empty when there is no terminal to ask on. */
    Optional<char[]> ask(String prompt);

    /** Never asks: for scripts, CI and tests. */
    PasswordPrompt NONE = prompt -> Optional.empty();

    /** The process's terminal ({@link System#console()}), when it has one. */
    static PasswordPrompt systemConsole() {
        Console console = System.console();
        if (console == null) {
            return NONE;
        }
        return prompt -> Optional.ofNullable(console.readPassword("%s", prompt));
    }

    /** True when this prompt can actually reach a person. */
    default boolean available() {
        return this != NONE;
    }
}
