package org.wenzheng.server.chat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.wenzheng.knowledge.Answer;
import org.wenzheng.server.http.Json;
import org.wenzheng.server.http.JsonBodies;
import org.wenzheng.server.http.Request;

/**
 * The API's shared request and answer shapes, for the features that plug into the server (online
 * interviews …): a JSON body read with the same checks and messages as {@code /api/v1/ask}, and an
 * answer's sources in the same JSON shape as its citations.
 */
public final class ApiShapes {
    private ApiShapes() {
    }

    /**
     * The body as a JSON object.
     *
     * @throws org.wenzheng.server.http.ApiException 415 when it is not declared JSON in UTF-8, 400
     *                                               when it is not a JSON object
     */
    public static ObjectNode jsonObject(Request request) {
        return JsonBodies.object(request);
    }

    /**
     * An optional text field: null when absent or null.
     *
     * @throws org.wenzheng.server.http.ApiException 400 when it is not a string
     */
    public static String optionalText(ObjectNode body, String field) {
        return JsonBodies.optionalText(body, field);
    }

    /** The sources shown with an answer (its citations, else its candidates), as the ask API's JSON array. */
    public static String sourcesJson(Answer answer) {
        return Json.text(Views.sourcesShown(answer));
    }
}
