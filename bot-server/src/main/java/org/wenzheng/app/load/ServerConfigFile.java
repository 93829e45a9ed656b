package org.wenzheng.app.load;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.wenzheng.app.config.AppConfig;

/**
 * The configuration file of the load test's server, derived from the operator's: the same
 * knowledge settings (synonyms, stop phrases, threshold, limits) and worker pool over the load
 * corpus, with what a load test needs changed:
 *
 * <ul>
 *   <li>the API rate limit and the chat's limits per address practically off: every request
 *       comes from 127.0.0.1, which the production limits (per address) would answer with 429
 *       after their burst;</li>
 *   <li>the answer cache off or on, as asked: off, every request is real work;</li>
 *   <li>the chat's idle timeout long enough that idle chats are not closed during the test;</li>
 *   <li>the embedded SQLite database and the index in the load work folder, no staff accounts;</li>
 *   <li>{@code /metrics} served to 127.0.0.1, where the load test reads the server's counters
 *       and heap from, whatever the operator's {@code metrics:} section admits.</li>
 * </ul>
 */
public final class ServerConfigFile {
    /** "Off": far beyond what one machine can send. */
    static final int UNLIMITED_RATE = 1_000_000_000;
    /** "Off" for the chats open per address: the most the configuration takes. */
    static final int UNLIMITED_CONNECTIONS = 1_000_000;

    /** Where the load test connects from (ServerProcess speaks to http://127.0.0.1:port). */
    static final String LOOPBACK = "127.0.0.1";

    private ServerConfigFile() {
    }

    /**
     * Writes the file.
     *
     * @param base         the operator's configuration
     * @param corpus       the folders to serve (absolute)
     * @param data         the load data folder (index and database)
     * @param cacheEntries the answer cache's size, 0 for off
     * @param chatIdle     the chat's idle timeout
     */
    public static void write(Path file, AppConfig base, List<Path> corpus, Path data, int cacheEntries,
            Duration chatIdle) throws IOException {
        write(file, base, root(base, corpus, data, cacheEntries, chatIdle));
    }

    /**
     * Writes the file of the login-attack measurement ({@link LoginAttack}): the answer cache off,
     * one staff account to attack, the login limit per username and address practically off (the
     * attack comes from 127.0.0.1, not from many addresses), and the operator's hashing pool.
     */
    public static void writeForLoginAttack(Path file, AppConfig base, List<Path> corpus, Path data,
            Duration chatIdle) throws IOException {
        Map<String, Object> root = root(base, corpus, data, 0, chatIdle);
        Map<String, Object> staff = new LinkedHashMap<>();
        staff.put("loginRateLimit", Map.of("requestsPerMinute", UNLIMITED_RATE, "burst", UNLIMITED_RATE));
        staff.put("hashThreads", base.staff().hashThreads());
        staff.put("hashQueue", base.staff().hashQueue());
        root.put("staff", staff);
        root.put("accounts", List.of(Map.of("username", LoginAttack.TARGET, "displayName", "压力测试账号",
                "role", "operator", "password", LoginAttack.TARGET_PASSWORD)));
        write(file, base, root);
    }

    private static void write(Path file, AppConfig base, Map<String, Object> root) throws IOException {
        String header = "# Written by `wenzheng load` from " + base.file() + " at each run: do not edit.\n";
        Files.writeString(file, header + new YAMLMapper().writeValueAsString(root));
    }

    private static Map<String, Object> root(AppConfig base, List<Path> corpus, Path data, int cacheEntries,
            Duration chatIdle) {
        AppConfig.Knowledge k = base.knowledge();
        Map<String, Object> knowledge = new LinkedHashMap<>();
        knowledge.put("sources", corpus.stream().map(Path::toString).toList());
        if (k.synonymsFile() != null) {
            knowledge.put("synonyms", k.synonymsFile().toString());
        }
        if (k.stopPhrasesFile() != null) {
            knowledge.put("stopPhrases", k.stopPhrasesFile().toString());
        }
        knowledge.put("answerThreshold", k.answerThreshold());
        knowledge.put("maxQuestionChars", k.maxQuestionChars());
        knowledge.put("maxResults", k.maxResults());

        var sc = base.server();
        Map<String, Object> server = new LinkedHashMap<>();
        server.put("host", "127.0.0.1");
        server.put("port", 0);
        server.put("maxBodyBytes", sc.maxBodyBytes());
        server.put("idleTimeoutSeconds", sc.idleTimeout().toSeconds());
        server.put("workerThreads", sc.workerThreads());
        server.put("workerQueue", sc.workerQueue());
        server.put("rateLimit", Map.of("requestsPerMinute", UNLIMITED_RATE, "burst", UNLIMITED_RATE));
        server.put("answerCache", Map.of("maxEntries", cacheEntries,
                "ttlSeconds", sc.answerCache().ttl().toSeconds()));
        server.put("shutdownGraceSeconds", sc.shutdownGrace().toSeconds());

        var cc = base.chat();
        Map<String, Object> chat = new LinkedHashMap<>();
        chat.put("maxFrameBytes", cc.maxFrameBytes());
        chat.put("maxMessageBytes", cc.maxMessageBytes());
        chat.put("idleTimeoutSeconds", Math.max(cc.idleTimeout().toSeconds(), chatIdle.toSeconds()));
        chat.put("rateLimit", Map.of("requestsPerMinute", cc.rateLimit().requestsPerMinute(),
                "burst", cc.rateLimit().burst()));
        // Every chat of the load test comes from 127.0.0.1: the limits per address would stop it.
        chat.put("maxConnectionsPerAddress", UNLIMITED_CONNECTIONS);
        chat.put("addressRateLimit", Map.of("requestsPerMinute", UNLIMITED_RATE, "burst", UNLIMITED_RATE));

        Map<String, Object> root = new LinkedHashMap<>();
        root.put("data", data.toString());
        root.put("knowledge", knowledge);
        root.put("server", server);
        root.put("chat", chat);
        root.put("metrics", Map.of("allowedAddresses", List.of(LOOPBACK)));
        return root;
    }
}
