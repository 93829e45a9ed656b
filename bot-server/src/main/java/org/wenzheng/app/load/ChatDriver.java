package org.wenzheng.app.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Opens many citizen chats ({@code /ws/chat}) and keeps them open and idle, to see what idle
 * connections cost the server. Each connection sends the server's own page origin, asks one
 * question (so that the server starts and holds a conversation for it, as for a citizen who asked
 * and is reading the answer), waits for the answer, then stays silent. The JDK's WebSocket
 * answers the server's pings by itself, as a browser does.
 *
 * <p>Used by {@code wenzheng load}, and on its own against any server:
 * {@code java -cp … org.wenzheng.app.load.ChatDriver --url ws://127.0.0.1:8080/ws/chat
 * --connections 2000 --hold 60}.
 */
public final class ChatDriver {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param url         the chat's address, {@code ws://host:port/ws/chat}
     * @param connections chats to open
     * @param origin      the {@code Origin} sent: by default the server's own, {@code http://host:port}
     * @param question    the one question each chat asks
     * @param concurrency chats being opened at the same time
     * @param hold        how long the chats stay open and idle (when run on its own)
     * @param timeout     longest wait for one chat to open and get its answer
     */
    public record Options(URI url, int connections, String origin, String question, int concurrency,
            Duration hold, Duration timeout) {

        public static final int DEFAULT_CONNECTIONS = 2000;
        /** A greeting: answered quickly, and still a stored conversation. */
        public static final String DEFAULT_QUESTION = "你好";
        /** Enough to keep the server's accept queue busy without a burst of thousands of handshakes. */
        public static final int DEFAULT_CONCURRENCY = 64;
        public static final Duration DEFAULT_HOLD = Duration.ofSeconds(30);
        public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

        public Options {
            boolean webSocket = url != null && ("ws".equals(url.getScheme()) || "wss".equals(url.getScheme()));
            if (!webSocket || url.getHost() == null) {
                throw new IllegalArgumentException("--url must be a ws:// or wss:// address, like "
                        + "ws://127.0.0.1:8080/ws/chat; got " + url);
            }
            if (connections < 1) {
                throw new IllegalArgumentException("--connections must be at least 1, got " + connections);
            }
            if (origin == null || origin.isBlank()) {
                origin = ownOrigin(url);
            }
            if (question == null || question.isBlank()) {
                throw new IllegalArgumentException("--question must not be empty");
            }
            if (concurrency < 1) {
                throw new IllegalArgumentException("--concurrency must be at least 1, got " + concurrency);
            }
            if (hold.isNegative()) {
                throw new IllegalArgumentException("--hold must not be negative, got " + hold.toSeconds());
            }
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("--timeout must be at least 1, got " + timeout.toSeconds());
            }
        }

        /** The defaults for a server's chat address. */
        public static Options of(URI url, int connections) {
            return new Options(url, connections, null, DEFAULT_QUESTION, DEFAULT_CONCURRENCY, DEFAULT_HOLD,
                    DEFAULT_TIMEOUT);
        }

        /**
         * {@code --url URL [--connections N] [--origin O] [--question Q] [--concurrency N]
         * [--hold SECONDS] [--timeout SECONDS]}.
         *
         * @throws IllegalArgumentException naming the option at fault
         */
        public static Options parse(List<String> args) {
            Map<String, String> given = new LinkedHashMap<>();
            for (int i = 0; i < args.size(); i++) {
                String name = args.get(i);
                if (!List.of("--url", "--connections", "--origin", "--question", "--concurrency", "--hold",
                        "--timeout").contains(name)) {
                    throw new IllegalArgumentException("unknown option " + name);
                }
                if (i + 1 >= args.size()) {
                    throw new IllegalArgumentException(name + " needs a value");
                }
                if (given.put(name, args.get(++i)) != null) {
                    throw new IllegalArgumentException(name + " is given twice");
                }
            }
            String url = given.get("--url");
            if (url == null) {
                throw new IllegalArgumentException("--url is required");
            }
            URI uri;
            try {
                uri = new URI(url);
            } catch (java.net.URISyntaxException e) {
                throw new IllegalArgumentException("--url is not an address: " + url);
            }
            return new Options(uri, number(given, "--connections", DEFAULT_CONNECTIONS), given.get("--origin"),
                    given.getOrDefault("--question", DEFAULT_QUESTION),
                    number(given, "--concurrency", DEFAULT_CONCURRENCY),
                    Duration.ofSeconds(number(given, "--hold", (int) DEFAULT_HOLD.toSeconds())),
                    Duration.ofSeconds(number(given, "--timeout", (int) DEFAULT_TIMEOUT.toSeconds())));
        }

        private static int number(Map<String, String> given, String name, int fallback) {
            String v = given.get(name);
            if (v == null) {
                return fallback;
            }
            try {
                return Integer.parseInt(v.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " must be a whole number, got '" + v + "'");
            }
        }

        /** The page origin a browser would send for a page of the same server. */
        static String ownOrigin(URI ws) {
            String scheme = "wss".equals(ws.getScheme()) ? "https" : "http";
            return scheme + "://" + ws.getHost() + (ws.getPort() == -1 ? "" : ":" + ws.getPort());
        }
    }

    private ChatDriver() {
    }

    /**
     * Opens the chats, each asking its question; returns once each has its answer or failed.
     * The caller closes what it gets back.
     */
    public static Chats open(Options options) throws InterruptedException {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(options.timeout()).build();
        String ask;
        try {
            ask = JSON.writeValueAsString(Map.of("type", "ask", "question", options.question(), "channel", "web"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Semaphore opening = new Semaphore(options.concurrency());
        List<Chat> chats = new ArrayList<>(options.connections());
        List<CompletableFuture<Void>> done = new ArrayList<>(options.connections());
        for (int i = 0; i < options.connections(); i++) {
            opening.acquire();
            Chat chat = new Chat();
            chats.add(chat);
            CompletableFuture<Void> f = client.newWebSocketBuilder()
                    .header("Origin", options.origin())
                    .connectTimeout(options.timeout())
                    .buildAsync(options.url(), chat)
                    .thenCompose(ws -> {
                        chat.socket = ws;
                        return ws.sendText(ask, true);
                    })
                    .thenCompose(ws -> chat.answered)
                    .orTimeout(options.timeout().toMillis(), TimeUnit.MILLISECONDS)
                    .whenComplete((v, e) -> {
                        if (e != null) {
                            chat.failure = describe(e);
                        }
                        opening.release();
                    });
            done.add(f);
        }
        for (CompletableFuture<Void> f : done) {
            try {
                f.join();
            } catch (CompletionException e) {
                // Recorded in the chat.
            }
        }
        return new Chats(chats);
    }

    private static String describe(Throwable e) {
        Throwable t = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }

    /** One chat: its socket, whether it got its answer, whether the server closed it. */
    private static final class Chat implements WebSocket.Listener {
        final CompletableFuture<Void> answered = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();
        volatile WebSocket socket;
        volatile String failure;
        volatile String closedBecause;

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                String type = type(text);
                if ("answer".equals(type)) {
                    answered.complete(null);
                } else if ("error".equals(type)) {
                    answered.completeExceptionally(new IOException("error frame: " + text));
                }
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
            closedBecause = "closed by the server: " + status + " " + reason;
            answered.completeExceptionally(new IOException(closedBecause));
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            closedBecause = "failed: " + describe(error);
            answered.completeExceptionally(error);
        }

        private static String type(String frame) {
            try {
                JsonNode n = JSON.readTree(frame);
                return n.path("type").asText("");
            } catch (IOException e) {
                return "";
            }
        }
    }

    /** The chats opened, until closed. */
    public static final class Chats implements AutoCloseable {
        private final List<Chat> chats;

        private Chats(List<Chat> chats) {
            this.chats = Collections.unmodifiableList(chats);
        }

        public int attempted() {
            return chats.size();
        }

        /** Chats that opened and got their answer. */
        public int answered() {
            return (int) chats.stream().filter(c -> c.failure == null).count();
        }

        /** Chats open now: opened, and neither closed by the server nor failed since. */
        public int open() {
            return (int) chats.stream().filter(c -> c.socket != null && c.closedBecause == null
                    && !c.socket.isInputClosed() && !c.socket.isOutputClosed()).count();
        }

        /** Up to {@code max} distinct reasons why chats failed or closed, with their counts. */
        public Map<String, Integer> problems(int max) {
            Map<String, Integer> out = new LinkedHashMap<>();
            for (Chat c : chats) {
                String why = c.failure != null ? c.failure : c.closedBecause;
                if (why != null && (out.containsKey(why) || out.size() < max)) {
                    out.merge(why, 1, Integer::sum);
                }
            }
            return out;
        }

        /** Closes every chat (a normal close), giving the server a few seconds to answer it. */
        @Override
        public void close() {
            List<CompletableFuture<WebSocket>> closing = new ArrayList<>();
            for (Chat c : chats) {
                if (c.socket != null && !c.socket.isOutputClosed()) {
                    closing.add(c.socket.sendClose(WebSocket.NORMAL_CLOSURE, "").toCompletableFuture());
                }
            }
            try {
                CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                // Whatever did not close in time is aborted below.
            }
            for (Chat c : chats) {
                if (c.socket != null) {
                    c.socket.abort();
                }
            }
        }
    }

    /** Opens the chats, holds them idle, says how many stayed open; exit 0 when all did. */
    public static void main(String[] args) throws InterruptedException {
        Options o;
        try {
            o = Options.parse(List.of(args));
        } catch (IllegalArgumentException e) {
            System.err.println("ChatDriver: " + e.getMessage());
            System.err.println("usage: ChatDriver --url ws://HOST:PORT/ws/chat [--connections N] [--origin ORIGIN]"
                    + " [--question TEXT] [--concurrency N] [--hold SECONDS] [--timeout SECONDS]");
            System.exit(2);
            return;
        }
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        long t0 = System.nanoTime();
        boolean ok;
        try (Chats chats = open(o)) {
            out.printf(Locale.ROOT, "%d of %d chats open and answered in %.1f s%n", chats.answered(),
                    chats.attempted(), (System.nanoTime() - t0) / 1e9);
            Thread.sleep(o.hold().toMillis());
            out.printf(Locale.ROOT, "after %d s idle: %d open%n", o.hold().toSeconds(), chats.open());
            chats.problems(5).forEach((why, n) -> out.println("  " + n + " x " + why));
            ok = chats.answered() == chats.attempted() && chats.open() == chats.attempted();
        }
        System.exit(ok ? 0 : 1);
    }
}
