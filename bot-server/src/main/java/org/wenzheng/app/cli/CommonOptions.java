package org.wenzheng.app.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.wenzheng.app.config.AppConfig;
import org.wenzheng.app.config.ConfigException;
import picocli.CommandLine.Option;

/** The options every subcommand takes: where the configuration and the data are, and how loud to be. */
public final class CommonOptions {
    /** The configuration file looked for when {@code --config} is not given. */
    static final Path DEFAULT_CONFIG = Path.of("config", "wenzheng.yaml");
    /** The option the error handler looks for to show stack traces. */
    public static final String VERBOSE = "--verbose";

    @Option(names = "--config", paramLabel = "FILE",
            description = "Configuration file (default: config/wenzheng.yaml in the working folder, "
                    + "else in the Wenzheng folder).")
    private Path config;

    @Option(names = "--data", paramLabel = "DIR",
            description = "Data folder for the index and other state (default: $WENZHENG_DATA, "
                    + "else 'data' of the configuration).")
    private Path data;

    // Read by the error handler from the parse result: it runs after the command object is gone.
    @Option(names = {"-v", VERBOSE}, description = "Show the full error (stack trace) when something fails.")
    private boolean verbose;

    /**
     * Reads the configuration: {@code --config}, else {@code config/wenzheng.yaml} of the working
     * folder, else of the Wenzheng folder; the data folder from {@code --data}, else
     * {@code WENZHENG_DATA}, else the file.
     */
    public AppConfig load(Environment env) {
        Path file;
        String shownAs;
        if (config != null) {
            file = env.resolve(config);
            shownAs = config.toString();
        } else if (Files.isRegularFile(env.workingDir().resolve(DEFAULT_CONFIG))) {
            file = env.workingDir().resolve(DEFAULT_CONFIG);
            shownAs = DEFAULT_CONFIG.toString();
        } else if (env.home().isPresent() && Files.isRegularFile(env.home().get().resolve(DEFAULT_CONFIG))) {
            file = env.home().get().resolve(DEFAULT_CONFIG);
            shownAs = file.toString();
        } else {
            throw new ConfigException("no configuration found: looked for " + DEFAULT_CONFIG + " in "
                    + env.workingDir() + env.home().map(h -> " and in " + h).orElse("")
                    + "; pass --config FILE");
        }
        Optional<Path> dataDir = Optional.ofNullable(data).map(env::resolve)
                .or(() -> env.variable(Environment.DATA_VARIABLE).map(v -> env.resolve(Path.of(v))));
        return AppConfig.load(file, shownAs, dataDir);
    }
}
