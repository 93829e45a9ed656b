package org.wenzheng.app.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import org.wenzheng.app.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * The {@code wenzheng} command: assembles the subcommands and turns every failure into one
 * readable line on stderr and an exit code (2: bad usage or input, 1: failure).
 */
@Command(name = "wenzheng", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        usageHelpAutoWidth = true,
        description = {"问政 Wenzheng: policy questions answered from published documents, with citations.", ""},
        footer = {"", "Run 'wenzheng COMMAND --help' for the options of a command."})
public final class Main implements Runnable {
    /** Exit code for bad usage or input the user can fix. */
    public static final int EXIT_USAGE = 2;
    /** Exit code for a failure (unreadable index, I/O error). */
    public static final int EXIT_FAILURE = 1;

    @Spec
    private CommandSpec spec;

    public static void main(String[] args) {
        // UTF-8 whatever the platform default: the output is Chinese.
        PrintWriter out = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.out),
                StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.err),
                StandardCharsets.UTF_8), true);
        int code = run(args, Environment.system(), out, err);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Runs one command line and returns its exit code. */
    public static int run(String[] args, Environment env, PrintWriter out, PrintWriter err) {
        return commandLine(env, out, err).execute(args);
    }

    /** The command tree, writing to the given streams. */
    public static CommandLine commandLine(Environment env, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Main())
                .addSubcommand(new IndexCommand(env))
                .addSubcommand(new SearchCommand(env))
                .addSubcommand(new AskCommand(env))
                .addSubcommand(new EvalCommand(env))
                .addSubcommand(new BenchCommand(env))
                .addSubcommand(new LoadCommand(env))
                .addSubcommand(new ServeCommand(env));
        // Set after the subcommands are added: these setters apply to the hierarchy present now.
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler(Main::badUsage);
        cl.setExecutionExceptionHandler(Main::failed);
        return cl;
    }

    /** {@code wenzheng} alone: the usage, as an error. */
    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(),
                "a command is needed: serve, index, search, ask, eval, bench or load");
    }

    private static int badUsage(ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println("wenzheng: " + e.getMessage() + " (see '" + cmd.getCommandSpec().qualifiedName() + " --help')");
        err.flush();
        return EXIT_USAGE;
    }

    private static int failed(Exception e, CommandLine cmd, ParseResult parsed) {
        PrintWriter err = cmd.getErr();
        Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
        err.println("wenzheng: " + message(cause));
        if (verbose(parsed)) {
            e.printStackTrace(err);
        }
        err.flush();
        return cause instanceof ConfigException || cause instanceof InputException
                || cause instanceof IllegalArgumentException ? EXIT_USAGE : EXIT_FAILURE;
    }

    private static String message(Throwable t) {
        if (t instanceof NoSuchFileException e) {
            return "file not found: " + e.getFile();
        }
        if (t instanceof AccessDeniedException e) {
            return "permission denied: " + e.getFile();
        }
        String m = t.getMessage();
        if (m == null || m.isBlank()) {
            return t.getClass().getSimpleName();
        }
        // One line: some library messages go on with details that only --verbose should show.
        return m.lines().findFirst().orElse(m);
    }

    private static boolean verbose(ParseResult parsed) {
        for (ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption(CommonOptions.VERBOSE)) {
                return true;
            }
        }
        return false;
    }
}
