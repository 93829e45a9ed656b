package org.wenzheng.app.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** What every subcommand has: the environment, the common options and its output streams. */
@Command(mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false, usageHelpAutoWidth = true)
abstract class CommandBase implements Callable<Integer> {
    protected final Environment env;

    @Mixin
    protected CommonOptions common;

    @Spec
    private CommandSpec spec;

    CommandBase(Environment env) {
        this.env = env;
    }

    /** Where results go. */
    protected PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** Where progress and notes go, so that results stay clean for pipes. */
    protected PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
