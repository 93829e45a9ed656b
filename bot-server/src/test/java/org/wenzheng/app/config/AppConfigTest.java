package org.wenzheng.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wenzheng.app.RepoRoot;
import org.wenzheng.knowledge.KnowledgeConfig;
import org.wenzheng.knowledge.Ranking;
import org.wenzheng.server.netty.ServerConfig;
import org.wenzheng.server.metrics.MetricsConfig;
import org.wenzheng.server.db.ClusterConfig;
import org.wenzheng.server.db.DatabaseConfig;

class AppConfigTest {
    @TempDir
    Path dir;

    @Test
    void loadsTheShippedConfigurationWithPathsRelativeToItsFolder() {
        Path root = RepoRoot.find();
        AppConfig c = AppConfig.load(root.resolve("config/wenzheng.yaml"), "config/wenzheng.yaml", Optional.empty());

        assertThat(c.dataDir()).isEqualTo(root.resolve("data"));
        assertThat(c.knowledge().sources()).containsExactly(root.resolve("config/knowledge/docs"));
        assertThat(c.knowledge().faqFiles()).containsExactly(root.resolve("config/knowledge/faq.yaml"));
        assertThat(c.knowledge().synonymsFile()).isEqualTo(root.resolve("config/synonyms.txt"));
        assertThat(c.knowledge().stopPhrasesFile()).isEqualTo(root.resolve("config/stopwords.txt"));

        KnowledgeConfig k = c.knowledgeConfig();
        assertThat(k.indexDir()).isEqualTo(root.resolve("data/index"));
        assertThat(k.answerThreshold()).isEqualTo(0.5);
        assertThat(k.maxQuestionChars()).isEqualTo(500);
        assertThat(k.maxResults()).isEqualTo(100);
        assertThat(k.ranking()).isEqualTo(Ranking.DEFAULT);
    }

    @Test
    void dataOverrideReplacesTheDataOfTheFile() throws IOException {
        Path file = write("data: ../elsewhere\nknowledge:\n  sources: [docs]\n");
        Path data = dir.resolve("override");

        assertThat(AppConfig.load(file, "w.yaml", Optional.of(data)).knowledgeConfig().indexDir())
                .isEqualTo(data.resolve("index"));
    }

    @Test
    void omittedOptionalKeysTakeTheEngineDefaults() throws IOException {
        Path file = write("data: state\nknowledge:\n  sources: docs\n");

        AppConfig c = AppConfig.load(file, "w.yaml", Optional.empty());

        assertThat(c.dataDir()).isEqualTo(dir.resolve("state"));
        assertThat(c.knowledge().sources()).containsExactly(dir.resolve("docs"));
        assertThat(c.knowledge().faqFiles()).isEmpty();
        assertThat(c.knowledge().synonymsFile()).isNull();
        assertThat(c.knowledge().answerThreshold()).isEqualTo(KnowledgeConfig.DEFAULT_ANSWER_THRESHOLD);
    }

    @Test
    void rejectsAnUnknownKeyNamingIt() throws IOException {
        Path file = write("data: state\nknowledge:\n  sources: [docs]\n  answerTreshold: 0.6\n");

        assertThatThrownBy(() -> AppConfig.load(file, "config/wenzheng.yaml", Optional.empty()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("config/wenzheng.yaml: unknown key knowledge.answerTreshold (line 4)")
                .hasMessageContaining("answerThreshold");
    }

    @Test
    void rejectsAnUnknownTopLevelKey() throws IOException {
        Path file = write("data: state\nserevr: {port: 8080}\nknowledge:\n  sources: [docs]\n");

        assertThatThrownBy(() -> AppConfig.load(file, "w.yaml", Optional.empty()))
                .hasMessageStartingWith("w.yaml: unknown key serevr");
    }

    @Test
    void rejectsAThresholdOutOfRange() throws IOException {
        Path file = write("data: state\nknowledge:\n  sources: [docs]\n  answerThreshold: 1.5\n");

        assertThatThrownBy(() -> AppConfig.load(file, "config/wenzheng.yaml", Optional.empty()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("config/wenzheng.yaml: knowledge.answerThreshold must be in [0, 1]: 1.5");
    }

    @Test
    void rejectsAMissingSourceFolderNamingTheKeyAndFolder() throws IOException {
        Path file = write("data: state\nknowledge:\n  sources: [docs, no-such-folder]\n");

        assertThatThrownBy(() -> AppConfig.load(file, "w.yaml", Optional.empty()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("w.yaml: knowledge.sources[1] names a folder that does not exist: "
                        + dir.resolve("no-such-folder"));
    }

    @Test
    void rejectsAMissingFaqFile() throws IOException {
        Path file = write("data: state\nknowledge:\n  sources: [docs]\n  faq: [faq.yaml]\n");

        assertThatThrownBy(() -> AppConfig.load(file, "w.yaml", Optional.empty()))
                .hasMessageStartingWith("w.yaml: knowledge.faq[0] names a file that does not exist");
    }

    @Test
    void rejectsAValueOfTheWrongType() throws IOException {
        Path file = write("data: state\nknowledge:\n  sources: [docs]\n  maxResults: many\n");

        assertThatThrownBy(() -> AppConfig.load(file, "w.yaml", Optional.empty()))
                .hasMessageStartingWith("w.yaml: knowledge.maxResults must be a whole number, got 'many'");
    }

    @Test
    void rejectsMaxResultsBeyondTheEngineLimit() throws IOException {
        Path file = write("data: state\nknowledge:\n  sources: [docs]\n  maxResults: 5000\n");

        assertThatThrownBy(() -> AppConfig.load(file, "w.yaml", Optional.empty()))
                .hasMessage("w.yaml: knowledge.maxResults must be in [1, 1000]: 5000");
    }

    @Test
    void rejectsAFileWithoutSources() throws IOException {
        Path file = write("data: state\nknowledge:\n  faq: []\n");

        assertThatThrownBy(() -> AppConfig.load(file, "w.yaml", Optional.empty()))
                .hasMessage("w.yaml: knowledge.sources must list at least one document folder");
    }

    @Test
    void requiresADataFolderWhenNothingOverridesIt() throws IOException {
        Path file = write("knowledge:\n  sources: [docs]\n");

        assertThatThrownBy(() -> AppConfig.load(file, "w.yaml", Optional.empty()))
                .hasMessageStartingWith("w.yaml: data is missing");
    }

    @Test
    void reportsInvalidYamlWithItsLine() throws IOException {
        Path file = write("data: state\nknowledge:\n  sources: [docs\n");

        assertThatThrownBy(() -> AppConfig.load(file, "w.yaml", Optional.empty()))
                .hasMessageStartingWith("w.yaml: not valid YAML (line");
    }

    @Test
    void rejectsADuplicateKey() throws IOException {
        Path file = write("data: state\ndata: other\nknowledge:\n  sources: [docs]\n");

        assertThatThrownBy(() -> AppConfig.load(file, "w.yaml", Optional.empty()))
                .hasMessageContaining("data");
    }

    @Test
    void reportsAMissingFile() {
        assertThatThrownBy(() -> AppConfig.load(dir.resolve("none.yaml"), "none.yaml", Optional.empty()))
                .hasMessage("none.yaml: configuration file not found");
    }

    @Test
    void theShippedServerSectionListensOnThisMachineWithTheEnginesQuestionLimit() {
        AppConfig c = AppConfig.load(RepoRoot.find().resolve("config/wenzheng.yaml"), "config/wenzheng.yaml",
                Optional.empty());

        ServerConfig s = c.server();
        assertThat(s.host()).isEqualTo("127.0.0.1");
        assertThat(s.port()).isEqualTo(8080);
        assertThat(s.maxBodyBytes()).isEqualTo(16384);
        assertThat(s.maxQuestionChars()).isEqualTo(c.knowledge().maxQuestionChars());
        assertThat(s.maxResults()).isEqualTo(c.knowledge().maxResults());
        assertThat(s.idleTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(s.workerThreads()).isEqualTo(4);
        assertThat(s.workerQueue()).isEqualTo(64);
        assertThat(s.rateLimit()).isEqualTo(new ServerConfig.RateLimit(120, 20));
        assertThat(s.answerCache()).isEqualTo(new ServerConfig.AnswerCache(10_000, Duration.ofSeconds(600)));
        assertThat(s.shutdownGrace()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void withoutAServerSectionTheServerTakesItsDefaults() throws IOException {
        Path file = write("data: state\nknowledge:\n  sources: docs\n  maxQuestionChars: 80\n");

        assertThat(AppConfig.load(file, "w.yaml", Optional.empty()).server())
                .isEqualTo(ServerConfig.defaults(80, KnowledgeConfig.DEFAULT_MAX_RESULTS));
    }

    @Test
    void omittedServerKeysKeepTheirDefaults() throws IOException {
        Path file = write("data: state\nknowledge:\n  sources: docs\nserver:\n  port: 9000\n  rateLimit:\n"
                + "    burst: 5\n");

        ServerConfig s = AppConfig.load(file, "w.yaml", Optional.empty()).server();

        assertThat(s.port()).isEqualTo(9000);
        assertThat(s.host()).isEqualTo(ServerConfig.DEFAULT_HOST);
        assertThat(s.rateLimit()).isEqualTo(new ServerConfig.RateLimit(120, 5));
    }

    @Test
    void rejectsAServerLimitOutOfRangeNamingItsKey() throws IOException {
        Path file = write("data: state\nknowledge:\n  sources: docs\nserver:\n  rateLimit:\n    requestsPerMinute: 0\n");

        assertThatThrownBy(() -> AppConfig.load(file, "w.yaml", Optional.empty()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("w.yaml: server.rateLimit.requestsPerMinute must be at least 1, got 0");
    }

    @Test
    void readsTheRequestDeadlinesAndThePipeliningDepth() throws IOException {
        Path file = write("data: state\nknowledge:\n  sources: docs\nserver:\n  requestHeadTimeoutSeconds: 5\n"
                + "  requestBodyTimeoutSeconds: 30\n  requestBodyMinBytesPerSecond: 0\n  maxPipelinedRequests: 4\n");

        assertThat(AppConfig.load(file, "w.yaml", Optional.empty()).server().connections()).isEqualTo(
                new ServerConfig.Connections(Duration.ofSeconds(5), Duration.ofSeconds(30), 0, 4));
        assertThat(AppConfig.load(write("data: state\nknowledge:\n  sources: docs\n"), "w.yaml", Optional.empty())
                .server().connections()).isEqualTo(ServerConfig.Connections.DEFAULT);
        assertThatThrownBy(() -> AppConfig.load(write("data: state\nknowledge:\n  sources: docs\nserver:\n"
                + "  requestHeadTimeoutSeconds: 0\n"), "w.yaml", Optional.empty()))
                .hasMessage("w.yaml: server.requestHeadTimeoutSeconds must be in [1,300], got 0");
        assertThatThrownBy(() -> AppConfig.load(write("data: state\nknowledge:\n  sources: docs\nserver:\n"
                + "  maxPipelinedRequests: 0\n"), "w.yaml", Optional.empty()))
                .hasMessage("w.yaml: server.maxPipelinedRequests must be in [1,1024], got 0");
    }

    @Test
    void readsWhoMayReadTheMetricsAndRefusesAHostName() throws IOException {
        Path file = write("data: state\nknowledge:\n  sources: docs\nmetrics:\n  allowedAddresses: [10.1.0.0/16]\n"
                + "  token: \"0123456789abcdef0123456789\"\n");

        assertThat(AppConfig.load(file, "w.yaml", Optional.empty()).metrics()).isEqualTo(new MetricsConfig(
                List.of("10.1.0.0/16"), Optional.of("0123456789abcdef0123456789")));
        assertThat(AppConfig.load(write("data: state\nknowledge:\n  sources: docs\nmetrics:\n  token: \"\"\n"),
                "w.yaml", Optional.empty()).metrics()).isEqualTo(MetricsConfig.DEFAULTS);
        assertThatThrownBy(() -> AppConfig.load(write("data: state\nknowledge:\n  sources: docs\nmetrics:\n"
                + "  allowedAddresses: [prometheus]\n"), "w.yaml", Optional.empty()))
                .hasMessageStartingWith("w.yaml: metrics.allowedAddresses[0] must be an IP address");
    }

    @Test
    void theShippedConfigurationServesMetricsToThisMachineOnly() throws IOException {
        assertThat(AppConfig.load(RepoRoot.find().resolve("config/wenzheng.yaml"), "config/wenzheng.yaml",
                Optional.empty()).metrics()).isEqualTo(MetricsConfig.DEFAULTS);
    }

    @Test
    void rejectsAPortOutOfRange() throws IOException {
        Path file = write("data: state\nknowledge:\n  sources: docs\nserver:\n  port: 70000\n");

        assertThatThrownBy(() -> AppConfig.load(file, "w.yaml", Optional.empty()))
                .hasMessage("w.yaml: server.port must be in [0,65535], got 70000");
    }

    @Test
    void rejectsAnUnknownServerKey() throws IOException {
        Path file = write("data: state\nknowledge:\n  sources: docs\nserver:\n  maxBodySize: 1\n");

        assertThatThrownBy(() -> AppConfig.load(file, "w.yaml", Optional.empty()))
                .hasMessageStartingWith("w.yaml: unknown key server.maxBodySize (line 5)")
                .hasMessageContaining("maxBodyBytes");
    }

    // ------------------------------------------------------------------ database

    @Test
    void theShippedConfigurationStoresInAnSqliteFileOfTheDataFolder() {
        Path root = RepoRoot.find();
        AppConfig c = AppConfig.load(root.resolve("config/wenzheng.yaml"), "config/wenzheng.yaml", Optional.empty());

        assertThat(c.database()).isEqualTo(DatabaseConfig.defaults(root.resolve("data")));
        assertThat(c.database().url()).isEqualTo("jdbc:sqlite:" + root.resolve("data/db/wenzheng.db"));
        assertThat(c.database().synchronous()).isEqualTo(DatabaseConfig.Synchronous.FULL);
        assertThat(c.database().maxPoolSize()).isGreaterThanOrEqualTo(c.server().workerThreads());
    }

    @Test
    void theDefaultDatabaseFollowsADataOverride() throws IOException {
        Path file = write("data: state\nknowledge:\n  sources: docs\ndatabase:\n  maxPoolSize: 3\n");
        Path data = dir.resolve("elsewhere");

        DatabaseConfig d = AppConfig.load(file, "w.yaml", Optional.of(data)).database();

        assertThat(d.url()).isEqualTo("jdbc:sqlite:" + data.resolve("db/wenzheng.db"));
        assertThat(d.maxPoolSize()).isEqualTo(3);
        assertThat(d.connectionTimeout()).isEqualTo(DatabaseConfig.DEFAULT_CONNECTION_TIMEOUT);
    }

    @Test
    void readsAPostgresqlDatabase() throws IOException {
        Path file = write("data: state\nknowledge:\n  sources: docs\ndatabase:\n"
                + "  url: jdbc:postgresql://db.example.org:5432/wenzheng\n  user: wenzheng\n  password: s3cret\n"
                + "  maxPoolSize: 20\n  connectionTimeoutMs: 2000\n");

        DatabaseConfig d = AppConfig.load(file, "w.yaml", Optional.empty()).database();

        assertThat(d).isEqualTo(new DatabaseConfig("jdbc:postgresql://db.example.org:5432/wenzheng", "wenzheng",
                "s3cret", 20, Duration.ofMillis(2000)));
        assertThat(d.embedded()).isFalse();
    }

    @Test
    void rejectsADatabaseValueNamingItsKey() throws IOException {
        Path badUrl = write("data: state\nknowledge:\n  sources: docs\ndatabase:\n  url: jdbc:mysql://db/wz\n");
        assertThatThrownBy(() -> AppConfig.load(badUrl, "w.yaml", Optional.empty()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("w.yaml: database.url must be a jdbc:sqlite: or a jdbc:postgresql: URL, got 'jdbc:mysql://db/wz'");

        Path badPool = write("data: state\nknowledge:\n  sources: docs\ndatabase:\n  maxPoolSize: 0\n");
        assertThatThrownBy(() -> AppConfig.load(badPool, "w.yaml", Optional.empty()))
                .hasMessage("w.yaml: database.maxPoolSize must be in [1,1000], got 0");

        Path badTimeout = write("data: state\nknowledge:\n  sources: docs\ndatabase:\n  connectionTimeoutMs: 10\n");
        assertThatThrownBy(() -> AppConfig.load(badTimeout, "w.yaml", Optional.empty()))
                .hasMessage("w.yaml: database.connectionTimeoutMs must be in [250,600000], got 10");

        Path badSync = write("data: state\nknowledge:\n  sources: docs\ndatabase:\n  synchronous: off\n");
        assertThatThrownBy(() -> AppConfig.load(badSync, "w.yaml", Optional.empty()))
                .hasMessage("w.yaml: database.synchronous must be full or normal, got 'off'");

        Path syncOnPostgres = write("data: state\nknowledge:\n  sources: docs\ndatabase:\n"
                + "  url: jdbc:postgresql://db/wz\n  synchronous: normal\n");
        assertThatThrownBy(() -> AppConfig.load(syncOnPostgres, "w.yaml", Optional.empty()))
                .hasMessageStartingWith("w.yaml: database.synchronous applies to the embedded (SQLite) database only");

        Path h2 = write("data: state\nknowledge:\n  sources: docs\ndatabase:\n  url: jdbc:h2:file:/srv/db/wenzheng\n");
        assertThatThrownBy(() -> AppConfig.load(h2, "w.yaml", Optional.empty()))
                .hasMessageStartingWith("w.yaml: database.url: H2 is no longer supported");
    }

    @Test
    void severalNodesOnTheEmbeddedDatabaseAreRefusedNamingItsFile() throws IOException {
        Path file = write("data: state\nknowledge:\n  sources: docs\ncluster:\n  nodeId: wz-1\n");

        assertThatThrownBy(() -> AppConfig.load(file, "w.yaml", Optional.empty()))
                .hasMessageStartingWith("w.yaml: cluster: several nodes need one shared PostgreSQL database")
                .hasMessageContaining(dir.resolve("state").resolve(DatabaseConfig.SQLITE_FILE).toString())
                .hasMessageContaining("one process opens at a time");
    }

    @Test
    void aClusterOnPostgresqlTakesItsNodeIdAndTimings() throws IOException {
        Path file = write("data: state\nknowledge:\n  sources: docs\ndatabase:\n  url: jdbc:postgresql://db/wz\n"
                + "cluster:\n  nodeId: wz-2\n  leaderCheckMs: 1500\n  claimLeaseSeconds: 300\n");

        ClusterConfig c = AppConfig.load(file, "w.yaml", Optional.empty()).cluster();

        assertThat(c).isEqualTo(new ClusterConfig("wz-2", Duration.ofMillis(1500), Duration.ofMinutes(5)));

        Path bad = write("data: state\nknowledge:\n  sources: docs\ndatabase:\n  url: jdbc:postgresql://db/wz\n"
                + "cluster:\n  nodeId: wz 2\n");
        assertThatThrownBy(() -> AppConfig.load(bad, "w.yaml", Optional.empty()))
                .hasMessageStartingWith("w.yaml: cluster.nodeId must be 1 to 64 letters, digits");
    }

    @Test
    void theEmbeddedDatabaseMayTradeFlushesForSpeed() throws IOException {
        Path file = write("data: state\nknowledge:\n  sources: docs\ndatabase:\n  synchronous: normal\n");

        assertThat(AppConfig.load(file, "w.yaml", Optional.empty()).database().synchronous())
                .isEqualTo(DatabaseConfig.Synchronous.NORMAL);
    }

    @Test
    void rejectsAnUnknownDatabaseKey() throws IOException {
        Path file = write("data: state\nknowledge:\n  sources: docs\ndatabase:\n  username: wz\n");

        assertThatThrownBy(() -> AppConfig.load(file, "w.yaml", Optional.empty()))
                .hasMessageStartingWith("w.yaml: unknown key database.username (line 5)")
                .hasMessageContaining("user");
    }

    private Path write(String yaml) throws IOException {
        Files.createDirectories(dir.resolve("docs"));
        return Files.writeString(dir.resolve("w.yaml"), yaml);
    }

    @Test
    void theChatSectionIsReadAndDefaultsWhenLeftOut() throws IOException {
        Path file = write("data: state\nknowledge:\n  sources: [docs]\nchat:\n"
                + "  allowedOrigins: [\"https://Wenzheng.example.gov.cn/\"]\n  idleTimeoutSeconds: 30\n"
                + "  maxFrameBytes: 4096\n  rateLimit: {burst: 3}\n  maxConnectionsPerAddress: 7\n"
                + "  addressRateLimit: {requestsPerMinute: 60}\n");

        org.wenzheng.server.chat.ChatConfig chat = AppConfig.load(file, "w.yaml", Optional.empty()).chat();

        assertThat(chat.allowedOrigins()).containsExactly("https://wenzheng.example.gov.cn");
        assertThat(chat.idleTimeout()).hasSeconds(30);
        assertThat(chat.maxFrameBytes()).isEqualTo(4096);
        assertThat(chat.maxMessageBytes()).isEqualTo(org.wenzheng.server.chat.ChatConfig.DEFAULT_MAX_MESSAGE_BYTES);
        assertThat(chat.rateLimit().burst()).isEqualTo(3);
        assertThat(chat.maxConnectionsPerAddress()).isEqualTo(7);
        assertThat(chat.addressRateLimit()).isEqualTo(new ServerConfig.RateLimit(60,
                org.wenzheng.server.chat.ChatConfig.DEFAULT_ADDRESS_RATE_LIMIT.burst()));
        assertThat(AppConfig.load(write("data: state\nknowledge:\n  sources: [docs]\n"), "w.yaml", Optional.empty())
                .chat()).isEqualTo(org.wenzheng.server.chat.ChatConfig.DEFAULTS);
    }

    @Test
    void badChatLimitsPerAddressAreRejectedUnderTheirKey() throws IOException {
        String head = "data: state\nknowledge:\n  sources: [docs]\nchat:\n";
        Path connections = write(head + "  maxConnectionsPerAddress: 0\n");
        assertThatThrownBy(() -> AppConfig.load(connections, "w.yaml", Optional.empty()))
                .hasMessage("w.yaml: chat.maxConnectionsPerAddress must be in [1,1000000], got 0");
        Path rate = write(head + "  addressRateLimit: {burst: 0}\n");
        assertThatThrownBy(() -> AppConfig.load(rate, "w.yaml", Optional.empty()))
                .hasMessage("w.yaml: chat.addressRateLimit.burst must be at least 1, got 0");
    }

    @Test
    void theChatHotlineIsReadAndABadNumberIsRejectedUnderItsKey() throws IOException {
        String head = "data: state\nknowledge:\n  sources: [docs]\nchat:\n";
        assertThat(AppConfig.load(write(head + "  hotline: \" 0571-87654321 \"\n"), "w.yaml", Optional.empty())
                .chat().hotline()).isEqualTo("0571-87654321");
        assertThat(AppConfig.load(write(head + "  hotline: 12345\n"), "w.yaml", Optional.empty()).chat().hotline())
                .as("an unquoted number").isEqualTo("12345");
        assertThat(org.wenzheng.server.chat.ChatConfig.DEFAULTS.hotline()).as("none unless configured").isEmpty();

        Path letters = write(head + "  hotline: \"12345 ext\"\n");
        assertThatThrownBy(() -> AppConfig.load(letters, "w.yaml", Optional.empty()))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("w.yaml: chat.hotline must be a telephone number")
                .hasMessageEndingWith("got '12345 ext'");
        Path tooLong = write(head + "  hotline: \"" + "1".repeat(25) + "\"\n");
        assertThatThrownBy(() -> AppConfig.load(tooLong, "w.yaml", Optional.empty()))
                .hasMessageContaining("chat.hotline").hasMessageContaining("at most 24 characters");
    }

    @Test
    void theHotQuestionsAreReadAndAMinimumOfOneConversationIsRejectedUnderItsKey() throws IOException {
        String head = "data: state\nknowledge:\n  sources: [docs]\nchat:\n  hotQuestions:\n";
        var hot = AppConfig.load(write(head + "    limit: 4\n    days: 14\n    minConversations: 5\n"
                + "    cacheSeconds: 60\n"), "w.yaml", Optional.empty()).chat().hotQuestions();
        assertThat(hot).isEqualTo(new org.wenzheng.server.chat.ChatConfig.HotQuestions(4, 14, 5,
                java.time.Duration.ofSeconds(60)));

        Path one = write(head + "    minConversations: 1\n");
        assertThatThrownBy(() -> AppConfig.load(one, "w.yaml", Optional.empty()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("w.yaml: chat.hotQuestions.minConversations must be in [2,");
    }

    @Test
    void rejectsAChatOriginWithAPathNamingTheKey() throws IOException {
        Path file = write("data: state\nknowledge:\n  sources: [docs]\nchat:\n"
                + "  allowedOrigins: [\"https://example.org/chat\"]\n");

        assertThatThrownBy(() -> AppConfig.load(file, "w.yaml", Optional.empty()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("chat.allowedOrigins");
    }

    @Test
    void theRetentionSectionIsReadAndDefaultsWhenLeftOut() throws IOException {
        Path file = write("data: state\nknowledge:\n  sources: [docs]\nretention:\n  conversationDays: 30\n");

        org.wenzheng.server.retention.RetentionConfig r = AppConfig.load(file, "w.yaml", Optional.empty()).retention();

        assertThat(r.conversations()).isEqualTo(Duration.ofDays(30));
        assertThat(r.interval()).isEqualTo(org.wenzheng.server.retention.RetentionConfig.DEFAULTS.interval());
        assertThat(AppConfig.load(write("data: state\nknowledge:\n  sources: [docs]\n"), "w.yaml", Optional.empty())
                .retention()).isEqualTo(org.wenzheng.server.retention.RetentionConfig.DEFAULTS);
    }

    @Test
    void rejectsARetentionOfNoDaysNamingTheKey() throws IOException {
        Path file = write("data: state\nknowledge:\n  sources: [docs]\nretention:\n  conversationDays: 0\n");

        assertThatThrownBy(() -> AppConfig.load(file, "w.yaml", Optional.empty()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("retention.conversationDays");
    }

    // ------------------------------------------------------------------ staff and accounts

    @Test
    void theShippedConfigurationDefinesOneDemoAccountPerRole() {
        AppConfig c = AppConfig.load(RepoRoot.find().resolve("config/wenzheng.yaml"), "config/wenzheng.yaml",
                Optional.empty());

        assertThat(c.staff().accounts()).extracting(a -> a.username() + "/" + a.role().id())
                .containsExactly("operator/operator", "officer/officer", "moderator/moderator", "admin/admin");
        assertThat(c.staff().sessionLifetime()).isEqualTo(Duration.ofHours(8));
        assertThat(c.staff().secureCookie()).isFalse();
        assertThat(c.staff().loginRateLimit()).isEqualTo(new ServerConfig.RateLimit(10, 5));
        assertThat(c.staff().hashThreads()).isEqualTo(1);
        assertThat(c.staff().hashQueue()).isEqualTo(16);
        assertThat(c.staff().accounts().toString()).as("passwords are never shown").doesNotContain("demo-");
    }

    @Test
    void withoutStaffSectionsTheDefaultsApplyAndNoAccountIsDefined() throws IOException {
        AppConfig c = AppConfig.load(write("data: state\nknowledge:\n  sources: docs\n"), "w.yaml", Optional.empty());

        assertThat(c.staff()).isEqualTo(org.wenzheng.server.staff.StaffConfig.defaults());
    }

    @Test
    void badAccountsAreRejectedNamingTheEntryAndKey() throws IOException {
        String head = "data: state\nknowledge:\n  sources: docs\naccounts:\n";
        String[][] cases = {
                {"  - {username: zhang, displayName: 张三, role: operator}\n",
                        "w.yaml: accounts[0].password is missing"},
                {"  - {username: zhang, displayName: 张三, role: root, password: long-enough}\n",
                        "w.yaml: accounts[0].role must be one of operator, officer, moderator, admin, got 'root'"},
                {"  - {username: Zhang Three, displayName: 张三, role: admin, password: long-enough}\n",
                        "w.yaml: accounts[0].username must be 1 to 64 lower-case letters, digits, '.', '_' or '-',"
                                + " starting with a letter or digit, got 'Zhang Three'"},
                {"  - {username: zhang, displayName: 张三, role: admin, password: short}\n",
                        "w.yaml: accounts[0].password must be 8 to 256 characters"},
                {"  - {username: zhang, displayName: 张三, role: admin, password: long-enough}\n"
                        + "  - {username: zhang, displayName: 李四, role: operator, password: long-enough}\n",
                        "w.yaml: accounts: the username zhang is defined twice"},
                {"  - {username: zhang, displayName: 张三, role: officer, password: long-enough, department: nowhere}\n",
                        "w.yaml: accounts[0].department must be the id of a department, got 'nowhere'"},
        };
        for (String[] c : cases) {
            Path file = write(head + c[0]);
            assertThatThrownBy(() -> AppConfig.load(file, "w.yaml", Optional.empty()))
                    .isInstanceOf(ConfigException.class).hasMessage(c[1]);
        }
    }

    @Test
    void badStaffSettingsAreRejectedUnderTheirKey() throws IOException {
        String head = "data: state\nknowledge:\n  sources: docs\nstaff:\n";
        Path lifetime = write(head + "  sessionLifetimeMinutes: 0\n");
        assertThatThrownBy(() -> AppConfig.load(lifetime, "w.yaml", Optional.empty()))
                .hasMessage("w.yaml: staff.sessionLifetimeMinutes must be in [1,43200], got 0");
        Path rate = write(head + "  loginRateLimit:\n    burst: 0\n");
        assertThatThrownBy(() -> AppConfig.load(rate, "w.yaml", Optional.empty()))
                .hasMessage("w.yaml: staff.loginRateLimit.burst must be at least 1, got 0");
        Path threads = write(head + "  hashThreads: 0\n");
        assertThatThrownBy(() -> AppConfig.load(threads, "w.yaml", Optional.empty()))
                .hasMessage("w.yaml: staff.hashThreads must be in [1,64], got 0");
        Path queue = write(head + "  hashQueue: -1\n");
        assertThatThrownBy(() -> AppConfig.load(queue, "w.yaml", Optional.empty()))
                .hasMessage("w.yaml: staff.hashQueue must be in [0,10000], got -1");
        Path both = write(head + "  hashThreads: 3\n  hashQueue: 0\n");
        assertThat(AppConfig.load(both, "w.yaml", Optional.empty()).staff())
                .extracting(s -> s.hashThreads() + "/" + s.hashQueue()).isEqualTo("3/0");
        Path unknown = write(head + "  cookieName: x\n");
        assertThatThrownBy(() -> AppConfig.load(unknown, "w.yaml", Optional.empty()))
                .hasMessageStartingWith("w.yaml: unknown key staff.cookieName");
    }

    @Test
    void letterAttachmentsAreKeptInsideTheDataFolderAndTheirLimitsAreChecked() throws IOException {
        String head = "data: state\nknowledge:\n  sources: [docs]\nletters:\n  attachments:\n";
        AppConfig app = AppConfig.load(write(head + "    folder: files/letters\n    maxFiles: 2\n"), "w.yaml",
                Optional.empty());
        assertThat(app.letters().attachments().folder()).isEqualTo(app.dataDir().resolve("files/letters"));
        assertThat(app.letters().attachments().maxFiles()).isEqualTo(2);
        assertThat(app.letters().attachments().maxFileBytes())
                .isEqualTo(org.wenzheng.server.letters.LettersConfig.Attachments.DEFAULT_MAX_FILE_BYTES);
        assertThat(AppConfig.load(write("data: state\nknowledge:\n  sources: [docs]\n"), "w.yaml", Optional.empty())
                .letters().attachments().folder()).isEqualTo(app.dataDir().resolve("letters/attachments"));
        Path small = write(head + "    maxFileBytes: 2000\n    maxTotalBytes: 1000\n");
        assertThatThrownBy(() -> AppConfig.load(small, "w.yaml", Optional.empty()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("letters.attachments.maxTotalBytes (1000) must not be below maxFileBytes (2000)");
    }
}
