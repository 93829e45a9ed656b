package org.wenzheng.server.chat;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.List;
import java.util.regex.Pattern;
import org.wenzheng.server.http.ApiException;
import org.wenzheng.server.http.InputText;
import org.wenzheng.server.http.Endpoint;
import org.wenzheng.server.http.Reply;
import org.wenzheng.server.http.Request;
import org.wenzheng.server.http.Response;

/**
 * {@code GET /api/v1/conversations/{id}}: a conversation with its messages, for the citizen who
 * holds its id (the page continuing a chat). The id is the capability: it is unguessable, so
 * knowing it is the permission to read. Conversations are never listed, and an id that is not
 * one answers 404 exactly like an unknown one, saying nothing about which ids exist.
 */
final class ConversationEndpoint implements Endpoint {
    /** What a session id may look like (see AskRequest); anything else cannot exist. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1," + AskRequest.MAX_SESSION_CHARS + "}");

    private final ConversationStore conversations;

    public ConversationEndpoint(ConversationStore conversations) {
        this.conversations = conversations;
    }

    @Override
    public Reply handle(Request request) {
        String id = request.pathParam("id");
        if (!ID.matcher(id).matches()) {
            throw notFound();
        }
        return Reply.blocking(() -> {
            Conversation c = conversations.find(id).orElseThrow(ConversationEndpoint::notFound);
            List<Message> messages = conversations.messages(id);
            return Response.json(HttpResponseStatus.OK, Views.ConversationView.of(c, messages));
        });
    }

    /** Without the id: a message echoing it would copy the capability into wherever errors end up. */
    private static ApiException notFound() {
        return ApiException.notFound(InputText.NO_SUCH_CONVERSATION);
    }
}
