package org.wenzheng.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One end-to-end test's side of a WebSocket whose frames are JSON: collects every whole text
 * message the server sends, and the close status, so that a test can wait for the next frame (or
 * the next frame of a type) with a bounded wait instead of a sleep.
 *
 * <pre>{@code
 * JsonSocket chat = JsonSocket.to(URI.create("ws://127.0.0.1:" + port + "/ws/chat"))
 *         .origin("http://127.0.0.1:" + port).open();
 * chat.send("{\"type\":\"ask\",\"question\":\"…\"}");
 * JsonNode answer = chat.next("answer");
 * }</pre>
 */
public final class JsonSocket implements WebSocket.Listener {
    /** How long {@link #next()} and friends wait for the server. */
    public static final Duration WAIT = Duration.ofSeconds(20);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private volatile WebSocket socket;

    private JsonSocket() {
    }

    /** Starts describing a connection to {@code uri}; nothing is sent until {@link Connect#open()}. */
    public static Connect to(URI uri) {
        return new Connect(uri);
    }

    /** The handshake's headers, then the connection. */
    public static final class Connect {
        private final URI uri;
        private final Map<String, String> headers = new LinkedHashMap<>();

        private Connect(URI uri) {
            this.uri = uri;
        }

        /** The page's origin (the server refuses sockets from other origins). */
        public Connect origin(String origin) {
            return header("Origin", origin);
        }

        /** A staff session cookie, for the staff sockets. */
        public Connect cookie(String cookie) {
            return header("Cookie", cookie);
        }

        public Connect header(String name, String value) {
            if (value != null) {
                headers.put(name, value);
            }
            return this;
        }

        /** Opens the socket, or throws the handshake's failure (e.g. a refused origin or session). */
        public JsonSocket open() {
            try {
                return openAsync().join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        }

        /** Opens the socket; the future fails as the handshake does. */
        public CompletableFuture<JsonSocket> openAsync() {
            JsonSocket s = new JsonSocket();
            WebSocket.Builder b = HTTP.newWebSocketBuilder();
            headers.forEach(b::header);
            return b.buildAsync(uri, s).thenApply(ws -> {
                s.socket = ws;
                return s;
            });
        }
    }

    // ------------------------------------------------------------------ what the server sent

    /** The next frame, whatever its type; fails the test if none comes within {@link #WAIT}. */
    public JsonNode next() throws InterruptedException {
        JsonNode f = frames.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        if (f == null) {
            throw new AssertionError("no frame from the server within " + WAIT.toSeconds() + " s");
        }
        return f;
    }

    /** The next frame of this type; frames of other types before it are skipped. */
    public JsonNode next(String type) throws InterruptedException {
        long end = System.nanoTime() + WAIT.toNanos();
        for (long left = WAIT.toNanos(); left > 0; left = end - System.nanoTime()) {
            JsonNode f = frames.poll(left, TimeUnit.NANOSECONDS);
            if (f != null && f.path("type").asText().equals(type)) {
                return f;
            }
        }
        throw new AssertionError("no " + type + " frame from the server within " + WAIT.toSeconds() + " s");
    }

    /** A frame already received and not yet taken, or none: for asserting that nothing more came. */
    public JsonNode poll() {
        return frames.poll();
    }

    /** The close status the server sent; fails if the socket is not closed within {@link #WAIT}. */
    public int awaitClose() throws Exception {
        return closed.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Whether the server (or the network) has closed the socket. */
    public boolean isClosed() {
        return closed.isDone();
    }

    // ------------------------------------------------------------------ what the test sends

    public JsonSocket send(String text) {
        socket.sendText(text, true).join();
        return this;
    }

    public JsonSocket send(JsonNode frame) {
        return send(frame.toString());
    }

    /** Closes normally and waits for the server's close. */
    public void close() throws Exception {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
        awaitClose();
    }

    /** Drops the connection without a close handshake, as a phone that loses its network does. */
    public void abort() {
        socket.abort();
    }

    /** The underlying socket, for what this class does not wrap. */
    public WebSocket socket() {
        return socket;
    }

    // ------------------------------------------------------------------ WebSocket.Listener

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence text, boolean last) {
        partial.append(text);
        if (last) {
            try {
                frames.add(JSON.readTree(partial.toString()));
            } catch (IOException e) {
                throw new AssertionError("the server sent a frame that is not JSON: " + partial, e);
            } finally {
                partial.setLength(0);
            }
        }
        ws.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
        closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
        closed.completeExceptionally(error);
    }
}
