package org.wenzheng.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonBodiesTest {
    private static Request request(String contentType, String body) {
        HttpHeaders h = new DefaultHttpHeaders();
        if (contentType != null) {
            h.set("Content-Type", contentType);
        }
        return new Request(HttpMethod.POST, "/api/v1/ask", Map.of(), Map.of(), h,
                body.getBytes(StandardCharsets.UTF_8), "127.0.0.1");
    }

    private static void refused(String contentType, String body, int status, String code) {
        assertThatThrownBy(() -> JsonBodies.object(request(contentType, body)))
                .isInstanceOf(ApiException.class)
                .satisfies(e -> {
                    assertThat(((ApiException) e).status().code()).isEqualTo(status);
                    assertThat(((ApiException) e).code()).isEqualTo(code);
                });
    }

    @Test
    void readsAJsonObjectDeclaredAsJson() {
        assertThat(JsonBodies.object(request("application/json", "{\"a\":1}")).path("a").asInt()).isEqualTo(1);
        assertThat(JsonBodies.object(request("Application/JSON; charset=UTF-8", "{}"))).isEmpty();
    }

    @Test
    void aBodyNotDeclaredAsJsonIsUnsupported() {
        refused(null, "{}", 415, "unsupported_media_type");
        refused("text/plain", "{}", 415, "unsupported_media_type");
        refused("application/x-www-form-urlencoded", "question=x", 415, "unsupported_media_type");
        refused("application/json; charset=GBK", "{}", 415, "unsupported_media_type");
    }

    @Test
    void aBodyThatIsNotAJsonObjectIsABadRequest() {
        refused("application/json", "", 400, "bad_json");
        refused("application/json", "{\"question\":", 400, "bad_json");
        refused("application/json", "[1,2]", 400, "bad_json");
        refused("application/json", "\"question\"", 400, "bad_json");
        refused("application/json", "{\"a\":1} trailing", 400, "bad_json");
        refused("application/json", "{\"question\":\"a\",\"question\":\"b\"}", 400, "bad_json");
    }

    @Test
    void theSyntaxErrorMessageSaysWhereButNotWhat() {
        assertThatThrownBy(() -> JsonBodies.object(request("application/json", "{\"question\": 13812345678x}")))
                .hasMessageStartingWith("the body is not valid JSON (line 1, column")
                .hasMessageNotContaining("13812345678");
    }
}
