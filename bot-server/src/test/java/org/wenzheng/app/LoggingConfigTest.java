package org.wenzheng.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.status.StatusUtil;
import java.net.URL;
import org.junit.jupiter.api.Test;

/** Both logging configurations (the operator's and the built-in one) log to stderr only. */
class LoggingConfigTest {

    @Test
    void theOperatorsConfigurationLogsOursAtInfoAndLibrariesAtWarnToStderr() throws Exception {
        check(RepoRoot.find().resolve("config/logback.xml").toUri().toURL());
    }

    @Test
    void theBuiltInConfigurationDoesTheSame() throws Exception {
        check(getClass().getResource("/logback.xml"));
    }

    private static void check(URL config) throws JoranException {
        LoggerContext ctx = new LoggerContext();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(ctx);
        configurator.doConfigure(config);

        assertThat(new StatusUtil(ctx).getHighestLevel(0)).as(config.toString()).isLessThan(Status.WARN);
        assertThat(ctx.getLogger("org.wenzheng.app.cli.Main").getEffectiveLevel()).isEqualTo(Level.INFO);
        assertThat(ctx.getLogger("org.apache.lucene.index.IndexWriter").getEffectiveLevel()).isEqualTo(Level.WARN);
        assertThat(ctx.getLogger("io.netty.channel").getEffectiveLevel()).isEqualTo(Level.WARN);
        ConsoleAppender<?> console = (ConsoleAppender<?>) ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)
                .iteratorForAppenders().next();
        assertThat(console.getTarget()).isEqualTo("System.err");
        ctx.stop();
    }
}
