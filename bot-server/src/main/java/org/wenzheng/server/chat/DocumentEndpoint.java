package org.wenzheng.server.chat;

import io.netty.handler.codec.http.HttpResponseStatus;
import org.wenzheng.knowledge.KnowledgeBase;
import org.wenzheng.server.http.ApiException;
import org.wenzheng.server.http.InputText;
import org.wenzheng.server.http.Endpoint;
import org.wenzheng.server.http.Reply;
import org.wenzheng.server.http.Request;
import org.wenzheng.server.http.Response;

/** {@code GET /api/v1/documents/{id}}: a document with all its passages, so a citation can be read in full. */
final class DocumentEndpoint implements Endpoint {
    /** Ids are short hashes or slugs; anything far longer is not one. */
    static final int MAX_ID_CHARS = 200;

    private final KnowledgeBase knowledge;

    public DocumentEndpoint(KnowledgeBase knowledge) {
        this.knowledge = knowledge;
    }

    @Override
    public Reply handle(Request request) {
        String id = request.pathParam("id");
        if (id.length() > MAX_ID_CHARS) {
            throw ApiException.invalidField("id", InputText.tooLong("文件编号", MAX_ID_CHARS, id.length()));
        }
        return Reply.blocking(() -> knowledge.document(id)
                .map(d -> Response.json(HttpResponseStatus.OK, Views.DocumentView.of(d)))
                .orElseThrow(() -> ApiException.notFound(InputText.noSuch("文件", id))));
    }
}
