package org.wenzheng.server.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.wenzheng.server.http.ApiException;
import org.wenzheng.server.http.ErrorCodes;
import org.wenzheng.server.http.InputText;
import org.wenzheng.server.http.Json;
import org.wenzheng.server.http.JsonBodies;
import org.wenzheng.server.http.Response;

/**
 * The citizen's conversation over WebSocket ({@code /ws/chat}), apart from the socket: each text
 * frame the client sends is checked here ({@link #parse}, cheap, on the event loop) and then
 * carried out ({@link #run}, blocking, on a worker). Frames are JSON objects with a {@code type}:
 *
 * <ul>
 *   <li>client {@code {"type":"ask","question":"…","channel":"web"}}: answered with
 *       {@code {"type":"answer", …}}, the fields of {@code POST /api/v1/ask}'s response; the first
 *       question of a connection without a conversation starts one, announced first with
 *       {@code {"type":"session","session":"<id>"}};</li>
 *   <li>client {@code {"type":"resume","session":"<id>"}}: continues a stored conversation,
 *       answered with {@code {"type":"history","session":"<id>","messages":[…]}} (the messages of
 *       {@code GET /api/v1/conversations/{id}});</li>
 *   <li>server {@code {"type":"error","error":{"code":"…","message":"…"}}} for a frame that could
 *       not be carried out, with the codes of the HTTP API;</li>
 *   <li>server, pushed at any time: {@code {"type":"ticket_answer","ticket":"WZ-…","seq":7,
 *       "role":"officer","text":"…"}}, an officer's answer to a ticket of this conversation
 *       (see {@code tickets.TicketPushes}).</li>
 * </ul>
 */
final class ChatProtocol {
    /** A checked client frame, ready to {@link #run}. */
    public sealed interface ClientFrame permits AskFrame, ResumeFrame {
    }

    record AskFrame(AskRequest request) implements ClientFrame {
    }

    record ResumeFrame(String session) implements ClientFrame {
    }

    /**
     * What carrying out a frame produced.
     *
     * @param session the conversation the connection belongs to afterwards
     * @param frames  the JSON text frames to send, in order
     */
    public record Outcome(String session, List<String> frames) {
        public Outcome {
            Objects.requireNonNull(session, "session");
            frames = List.copyOf(frames);
        }
    }

    private record SessionFrame(String type, String session) {
    }

    private record HistoryFrame(String type, String session, List<Views.MessageView> messages) {
    }

    private record ErrorFrame(String type, JsonNode error) {
    }

    private static final Pattern SESSION = Pattern.compile("[A-Za-z0-9_-]{1," + AskRequest.MAX_SESSION_CHARS + "}");

    private final AskEndpoint asker;
    private final ConversationStore conversations;
    private final int maxQuestionChars;

    public ChatProtocol(AskEndpoint asker, ConversationStore conversations, int maxQuestionChars) {
        this.asker = Objects.requireNonNull(asker, "asker");
        this.conversations = Objects.requireNonNull(conversations, "conversations");
        this.maxQuestionChars = maxQuestionChars;
    }

    /**
     * Checks one text frame. Does not block.
     *
     * @throws ApiException {@code bad_json} when it is not a JSON object, {@code invalid_field} for a
     *                      missing or unknown type and for the fields of an ask or resume
     */
    public ClientFrame parse(String text) {
        JsonNode node;
        try {
            node = Json.readClient(text);
        } catch (Json.NotText e) {
            throw new ApiException(HttpResponseStatus.BAD_REQUEST, ErrorCodes.BAD_JSON, e.getMessage());
        } catch (IOException e) {
            throw new ApiException(HttpResponseStatus.BAD_REQUEST, ErrorCodes.BAD_JSON,
                    "the message is not valid JSON");
        }
        if (!(node instanceof ObjectNode frame)) {
            throw new ApiException(HttpResponseStatus.BAD_REQUEST, ErrorCodes.BAD_JSON,
                    "the message must be a JSON object");
        }
        String type = JsonBodies.optionalText(frame, "type");
        if ("ask".equals(type)) {
            ObjectNode body = frame.deepCopy();
            body.remove("type");
            return new AskFrame(AskRequest.parse(body, maxQuestionChars));
        }
        if ("resume".equals(type)) {
            String session = JsonBodies.optionalText(frame, "session");
            if (session == null) {
                throw ApiException.invalidField("session", "缺少会话编号，请刷新页面后重试");
            }
            if (!SESSION.matcher(session).matches()) {
                throw ApiException.invalidField("session", InputText.badSession(1, AskRequest.MAX_SESSION_CHARS));
            }
            return new ResumeFrame(session);
        }
        throw ApiException.invalidField("type", "消息类型无效：须为提问（ask）或恢复会话（resume）");
    }

    /**
     * Carries out a checked frame. Blocks (knowledge base and database): call it on a worker.
     *
     * @param session the connection's conversation, or null before its first question or resume
     * @throws ApiException {@code not_found} when a resumed conversation does not exist
     */
    public Outcome run(ClientFrame frame, String session) {
        if (frame instanceof AskFrame ask) {
            return ask(ask.request(), session);
        }
        return resume(((ResumeFrame) frame).session());
    }

    private Outcome ask(AskRequest request, String session) {
        // The connection's conversation wins over one named in the frame: a connection is one conversation.
        String target = session != null ? session : request.session();
        Views.AnswerView answer = asker.answer(new AskRequest(request.question(), request.channel(), target));
        List<String> frames = new ArrayList<>(2);
        if (!answer.session().equals(session)) {
            frames.add(Json.text(new SessionFrame("session", answer.session())));
        }
        ObjectNode out = Json.MAPPER.createObjectNode().put("type", "answer");
        out.setAll((ObjectNode) Json.MAPPER.valueToTree(answer));
        frames.add(Json.text(out));
        return new Outcome(answer.session(), frames);
    }

    private Outcome resume(String id) {
        if (conversations.find(id).isEmpty()) {
            // Without the id, as GET /api/v1/conversations/{id} answers: it is the capability.
            throw ApiException.notFound(InputText.NO_SUCH_CONVERSATION);
        }
        List<Views.MessageView> messages = conversations.messages(id).stream().map(Views.MessageView::of).toList();
        return new Outcome(id, List.of(Json.text(new HistoryFrame("history", id, messages))));
    }

    /** An error frame with one of the API's error codes. */
    public static String errorFrame(String code, String message) {
        return Json.text(new ErrorFrame("error", Json.MAPPER.valueToTree(new Response.ErrorBody.Error(code, message))));
    }

    /**
     * The error frame with the body of an HTTP error response ({@code {"error":{"code","message"}}}):
     * the chat reports failures with the same codes and messages as the HTTP API.
     */
    public static String errorFrame(byte[] errorResponseBody) {
        try {
            return Json.text(new ErrorFrame("error", Json.MAPPER.readTree(errorResponseBody).get("error")));
        } catch (IOException e) {
            throw new IllegalStateException("an error response body is not JSON", e);
        }
    }
}
