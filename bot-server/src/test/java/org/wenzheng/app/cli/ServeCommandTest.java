package org.wenzheng.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.wenzheng.app.cli.Environment;
import org.wenzheng.server.netty.ServerConfig;
import org.wenzheng.server.db.ClusterConfig;
import org.wenzheng.server.db.DatabaseConfig;

/** Where serve takes its address from: flag, else environment variable, else configuration. */
class ServeCommandTest {
    private final ServerConfig file = ServerConfig.defaults(500, 100).withPort(8080).withHost("127.0.0.1");

    private static Environment env(Map<String, String> variables) {
        return new Environment(Path.of("."), Optional.empty(), variables, false);
    }

    @Test
    void theConfigurationAppliesWhenNothingOverridesIt() {
        assertThat(ServeCommand.effective(file, Optional.empty(), Optional.empty(), env(Map.of()))).isEqualTo(file);
    }

    @Test
    void environmentVariablesOverrideTheConfiguration() {
        ServerConfig c = ServeCommand.effective(file, Optional.empty(), Optional.empty(),
                env(Map.of("WENZHENG_PORT", "9090", "WENZHENG_HOST", "0.0.0.0")));

        assertThat(c.port()).isEqualTo(9090);
        assertThat(c.host()).isEqualTo("0.0.0.0");
    }

    @Test
    void flagsOverrideTheEnvironment() {
        ServerConfig c = ServeCommand.effective(file, Optional.of("::1"), Optional.of(0),
                env(Map.of("WENZHENG_PORT", "9090", "WENZHENG_HOST", "0.0.0.0")));

        assertThat(c.port()).isZero();
        assertThat(c.host()).isEqualTo("::1");
        assertThat(c.maxBodyBytes()).isEqualTo(file.maxBodyBytes());
    }

    @Test
    void theDatabasePasswordComesFromTheEnvironmentWhenSet() {
        DatabaseConfig file = new DatabaseConfig("jdbc:postgresql://db/wz", "wz", "from-file", 10,
                Duration.ofSeconds(5));

        assertThat(ServeCommand.database(file, env(Map.of()))).isEqualTo(file);
        assertThat(ServeCommand.database(file, env(Map.of("WENZHENG_DB_PASSWORD", "from-env"))).password())
                .isEqualTo("from-env");
    }

    @Test
    void eachNodeTakesItsIdFromTheEnvironmentWhenSet() {
        ClusterConfig file = ClusterConfig.node("from-file");

        assertThat(ServeCommand.cluster(file, env(Map.of()))).isEqualTo(file);
        assertThat(ServeCommand.cluster(file, env(Map.of("WENZHENG_NODE_ID", "wz-2"))))
                .isEqualTo(file.withNodeId("wz-2"));
        assertThatThrownBy(() -> ServeCommand.cluster(file, env(Map.of("WENZHENG_NODE_ID", "wz 2"))))
                .isInstanceOf(InputException.class)
                .hasMessageStartingWith("WENZHENG_NODE_ID: nodeId must be 1 to 64 letters");
    }

    @Test
    void aBadPortIsAnInputErrorNamingWhereItCameFrom() {
        assertThatThrownBy(() -> ServeCommand.effective(file, Optional.empty(), Optional.empty(),
                env(Map.of("WENZHENG_PORT", "http"))))
                .isInstanceOf(InputException.class).hasMessage("WENZHENG_PORT must be a port number, got 'http'");
        assertThatThrownBy(() -> ServeCommand.effective(file, Optional.empty(), Optional.of(70_000), env(Map.of())))
                .isInstanceOf(InputException.class).hasMessage("--port: port must be in [0,65535], got 70000");
    }
}
