package org.wenzheng.server.http;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Reading a JSON request body: its media type (415) and its syntax (400), with messages for the client. */
public final class JsonBodies {
    private static final String JSON = "application/json";

    private JsonBodies() {
    }

    /**
     * The body as a JSON object.
     *
     * @throws ApiException 415 when the body is not declared {@code application/json} in UTF-8,
     *                      400 when it is not a JSON object
     */
    public static ObjectNode object(Request request) {
        String type = request.header(HttpHeaderNames.CONTENT_TYPE).orElse("");
        String mime = HttpUtil.getMimeType(type) == null ? "" : HttpUtil.getMimeType(type).toString().strip();
        if (!mime.toLowerCase(Locale.ROOT).equals(JSON)) {
            throw new ApiException(HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE, ErrorCodes.UNSUPPORTED_MEDIA_TYPE,
                    "the body must be JSON, sent with Content-Type: application/json"
                            + (type.isEmpty() ? "" : " (got " + mime + ")"));
        }
        Charset charset = HttpUtil.getCharset(type, StandardCharsets.UTF_8);
        if (!charset.equals(StandardCharsets.UTF_8)) {
            throw new ApiException(HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE, ErrorCodes.UNSUPPORTED_MEDIA_TYPE,
                    "JSON must be sent in UTF-8");
        }
        JsonNode node;
        try {
            node = Json.readClient(request.body());
        } catch (Json.NotText e) {
            throw new ApiException(HttpResponseStatus.BAD_REQUEST, ErrorCodes.BAD_JSON, e.getMessage());
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new ApiException(HttpResponseStatus.BAD_REQUEST, ErrorCodes.BAD_JSON, "the body is not valid JSON"
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
        } catch (IOException e) {
            throw new ApiException(HttpResponseStatus.BAD_REQUEST, ErrorCodes.BAD_JSON, "the body is not valid JSON");
        }
        if (node == null || node.isMissingNode()) {
            throw new ApiException(HttpResponseStatus.BAD_REQUEST, ErrorCodes.BAD_JSON, "the body is empty");
        }
        if (!(node instanceof ObjectNode o)) {
            throw new ApiException(HttpResponseStatus.BAD_REQUEST, ErrorCodes.BAD_JSON,
                    "the body must be a JSON object");
        }
        return o;
    }

    /** An optional text field: null when absent or null. */
    public static String optionalText(ObjectNode body, String field) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            throw ApiException.invalidField(field + " must be a string");
        }
        return n.textValue();
    }
}
