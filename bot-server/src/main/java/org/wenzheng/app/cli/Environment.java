package org.wenzheng.app.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the application reads from the process it runs in, captured once at start so that every
 * command receives it instead of looking it up (and tests can supply their own).
 *
 * @param workingDir the folder relative paths on the command line are resolved against
 * @param home       the Wenzheng installation folder (the launcher's folder), when known
 * @param variables  environment variables
 * @param terminal   whether the user is at a terminal ({@code System.console() != null})
 */
public record Environment(Path workingDir, Optional<Path> home, Map<String, String> variables, boolean terminal) {

    /** Environment variable overriding the data folder of the configuration. */
    public static final String DATA_VARIABLE = "WENZHENG_DATA";
    /** Environment variable the launcher sets to its own folder. */
    public static final String HOME_VARIABLE = "WENZHENG_HOME";
    /** System property taking precedence over {@link #HOME_VARIABLE}. */
    public static final String HOME_PROPERTY = "wenzheng.home";

    public Environment {
        workingDir = workingDir.toAbsolutePath().normalize();
        home = home.map(h -> h.toAbsolutePath().normalize());
        variables = Map.copyOf(variables);
    }

    /** The environment of this process. */
    public static Environment system() {
        String home = System.getProperty(HOME_PROPERTY);
        if (home == null || home.isBlank()) {
            home = System.getenv(HOME_VARIABLE);
        }
        return new Environment(Path.of("").toAbsolutePath(),
                home == null || home.isBlank() ? Optional.empty() : Optional.of(Path.of(home)),
                System.getenv(), System.console() != null);
    }

    /** A variable's value, or empty when unset or blank. */
    public Optional<String> variable(String name) {
        String v = variables.get(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v);
    }

    /** Whether output may use ANSI styles: at a terminal, and the user did not set NO_COLOR. */
    public boolean color() {
        return terminal && variable("NO_COLOR").isEmpty();
    }

    /** A path given on the command line, resolved against the working folder. */
    public Path resolve(Path p) {
        return workingDir.resolve(Objects.requireNonNull(p)).normalize();
    }

    /**
     * The folder the installation's relative defaults (such as {@code ../shared}) start from: the
     * launcher's folder, or the working folder when run without the launcher.
     */
    public Path root() {
        return home.orElse(workingDir);
    }
}
