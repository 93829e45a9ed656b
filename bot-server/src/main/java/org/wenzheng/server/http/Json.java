package org.wenzheng.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Map;

/** The one JSON mapper of the server: configured once here, never changed, safe to share. */
public final class Json {
    /** Shared by every endpoint; Jackson mappers are thread-safe once configured. */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            // {"question":"a"} garbage is a broken body, not a question.
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // {"question":"a","question":"b"} is ambiguous: refuse it rather than pick one.
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private Json() {
    }

    /**
     * JSON from a client that is not text: bytes that are not well-formed UTF-8 (an overlong
     * form such as {@code C0 AF} for "/", an encoded surrogate, a truncated sequence), or a string
     * holding a lone surrogate (<code>"&#92;uD800"</code>). RFC 8259 requires UTF-8 and leaves
     * lone surrogates' meaning undefined; Jackson decodes the first leniently and keeps the second, and
     * neither may reach the knowledge base, the database or a log as if it were a character.
     */
    public static final class NotText extends IOException {
        NotText(String message) {
            super(message);
        }
    }

    /**
     * A client's JSON, strictly: the bytes must be well-formed UTF-8 and no string (value or
     * field name) may hold a lone surrogate.
     *
     * @throws NotText                 when it is not text as above
     * @throws JsonProcessingException when it is not JSON
     */
    public static JsonNode readClient(byte[] utf8) throws IOException {
        return readClient(strictUtf8(utf8));
    }

    /** {@link #readClient(byte[])} for text already decoded (a WebSocket text frame, checked by Netty). */
    public static JsonNode readClient(String text) throws IOException {
        JsonNode node = MAPPER.readTree(text);
        if (node != null) {
            checkNoLoneSurrogate(node);
        }
        return node;
    }

    private static String strictUtf8(byte[] bytes) throws NotText {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        // UTF-8 never has more UTF-16 units than bytes.
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            throw new NotText("the body is not valid UTF-8 (byte " + in.position() + ")");
        }
        return out.flip().toString();
    }

    private static void checkNoLoneSurrogate(JsonNode root) throws NotText {
        ArrayDeque<JsonNode> pending = new ArrayDeque<>();
        pending.push(root);
        while (!pending.isEmpty()) {
            JsonNode n = pending.pop();
            if (n.isTextual()) {
                checkNoLoneSurrogate(n.textValue());
            } else if (n.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = it.next();
                    checkNoLoneSurrogate(field.getKey());
                    pending.push(field.getValue());
                }
            } else if (n.isArray()) {
                n.forEach(pending::push);
            }
        }
    }

    private static void checkNoLoneSurrogate(String s) throws NotText {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new NotText("a string holds a lone surrogate (" + InputText.describe(c)
                        + "), which is not a character");
            }
        }
    }

    /** A value as JSON text (to store). */
    public static String text(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** A value as UTF-8 JSON. */
    public static byte[] bytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            // Only our own view records are written: failing here is a bug, not bad input.
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }
}
