package org.cityedge.cli.gateway;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Who the CLI is to the gateway: the bearer token the gateway writes at each start (readable only on the gateway,
 * by its user), else the console password from a file, the environment or a prompt.
 */
public final class Credentials {

    private final Path tokenFile;
    private final Path passwordFile;
    private final String environmentPassword;
    private final PasswordPrompt prompt;
    private String password;

    /**
     * @param tokenFile           where the gateway writes its CLI token
     * @param passwordFile        file holding the console password, or null
     * @param environmentPassword the password from the environment, or null
     * @param prompt              asks a person when neither gives one
     */
    public Credentials(Path tokenFile, Path passwordFile, String environmentPassword, PasswordPrompt prompt) {
        this.tokenFile = tokenFile;
        this.passwordFile = passwordFile;
        this.environmentPassword = environmentPassword == null || environmentPassword.isEmpty() ? null
                : environmentPassword;
        this.prompt = prompt;
    }

    /** The token, when the file exists, can be read and is not empty. */
    public Optional<String> token() {
        try {
            String text = Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? Optional.empty() : Optional.of(text);
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }

    public Path tokenFile() {
        return tokenFile;
    }

    /** Why there is no token, for a person: missing, unreadable or empty. */
    public String whyNoToken() {
        try {
            Files.readString(tokenFile, StandardCharsets.UTF_8);
            return "the token file " + tokenFile + " is empty";
        } catch (NoSuchFileException e) {
            return "no token file at " + tokenFile;
        } catch (AccessDeniedException e) {
            return "the token file " + tokenFile + " is not readable by this user";
        } catch (IOException | SecurityException e) {
            return "cannot read the token file " + tokenFile + " (" + e.getMessage() + ")";
        }
    }

    /** True when a password can be had without failing: a file, the environment, or a terminal to ask on. */
    public boolean passwordAvailable() {
        return password != null || passwordFile != null || environmentPassword != null || prompt.available();
    }

    /** The console password (read once, asked at most once), or empty when there is none to be had. */
    public Optional<String> password(String promptText) {
        if (password == null) {
            password = readPassword(promptText);
        }
        return Optional.ofNullable(password);
    }

    private String readPassword(String promptText) {
        if (passwordFile != null) {
            return readPasswordFile(passwordFile);
        }
        if (environmentPassword != null) {
            return environmentPassword;
        }
        return prompt.ask(promptText).map(String::new).filter(p -> !p.isEmpty()).orElse(null);
    }

    /**
     * A password file's content without its line ending: a file written by {@code echo} still works, while spaces
     * inside and around the password are kept.
     */
    public static String readPasswordFile(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            if (text.endsWith("\n")) {
                text = text.substring(0, text.length() - 1);
            }
            if (text.endsWith("\r")) {
                text = text.substring(0, text.length() - 1);
            }
            if (text.isEmpty()) {
                throw Failure.usage("the password file " + file + " is empty");
            }
            return text;
        } catch (IOException e) {
            throw Failure.usage("cannot read the password file " + file + " (" + describe(e) + ")");
        }
    }

    static String describe(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
