package org.wenzheng.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RoutesTest {
    private final Endpoint ask = r -> Reply.now(Response.empty(HttpResponseStatus.OK));
    private final Endpoint doc = r -> Reply.now(Response.empty(HttpResponseStatus.OK));
    private final Endpoint root = r -> Reply.now(Response.empty(HttpResponseStatus.OK));
    private final Routes routes = Routes.builder()
            .post("/api/v1/ask", ask)
            .get("/api/v1/documents/{id}", doc)
            .get("/", root)
            .build();

    @Test
    void aLoggablePathHidesOnlyTheSecretSegmentsOfItsRoute() {
        Routes r = Routes.builder()
                .get("/api/v1/documents/{id}", doc)
                .get("/api/v1/conversations/{id}", doc)
                .secret("/api/v1/conversations/{id}", "id")
                .build();

        assertThat(r.loggable("/api/v1/conversations/abcdef123", s -> "<hidden>"))
                .isEqualTo("/api/v1/conversations/<hidden>");
        assertThat(r.loggable("/api/v1/documents/abcdef123", s -> "<hidden>")).isEqualTo("/api/v1/documents/abcdef123");
        assertThat(r.loggable("/api/v1/unknown/abcdef123", s -> "<hidden>")).isEqualTo("/api/v1/unknown/abcdef123");
        assertThatThrownBy(() -> Routes.builder().get("/a/{id}", doc).secret("/a/{id}", "other"))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void findsTheEndpointOfAMethodAndPath() {
        Routes.Match m = routes.match(HttpMethod.POST, "/api/v1/ask");

        assertThat(m).isInstanceOf(Routes.Match.Found.class);
        assertThat(((Routes.Match.Found) m).endpoint()).isSameAs(ask);
        assertThat(((Routes.Match.Found) m).pattern()).isEqualTo("/api/v1/ask");
    }

    @Test
    void capturesADecodedSegment() {
        Routes.Match m = routes.match(HttpMethod.GET, "/api/v1/documents/%E5%8A%9E%E6%B3%95%2F2024");

        assertThat(((Routes.Match.Found) m).params()).isEqualTo(Map.of("id", "办法/2024"));
    }

    @Test
    void theRootIsItsOwnRoute() {
        assertThat(((Routes.Match.Found) routes.match(HttpMethod.GET, "/")).endpoint()).isSameAs(root);
    }

    @Test
    void aKnownPathWithAnotherMethodListsTheAllowedOnes() {
        Routes.Match m = routes.match(HttpMethod.GET, "/api/v1/ask");

        assertThat(m).isInstanceOf(Routes.Match.MethodNotAllowed.class);
        assertThat(((Routes.Match.MethodNotAllowed) m).allowHeader()).isEqualTo("POST");
        assertThat(((Routes.Match.MethodNotAllowed) routes.match(HttpMethod.PUT, "/")).allowHeader())
                .isEqualTo("GET, HEAD");
    }

    @Test
    void headFallsBackToGet() {
        assertThat(((Routes.Match.Found) routes.match(HttpMethod.HEAD, "/api/v1/documents/x")).endpoint()).isSameAs(doc);
    }

    @Test
    void unknownPathsAreNotFound() {
        for (String p : List.of("/api/v1/ask/", "/api/v1", "/api/v1/documents/", "/api/v1/documents/a/b", "/x")) {
            assertThat(routes.match(HttpMethod.GET, p)).as(p).isInstanceOf(Routes.Match.NotFound.class);
        }
    }

    @Test
    void labelsAPathByItsPatternOrAsUnmatched() {
        assertThat(routes.label("/api/v1/documents/abc")).isEqualTo("/api/v1/documents/{id}");
        assertThat(routes.label("/api/v1/documents/%zz")).isEqualTo(Routes.UNMATCHED);
        assertThat(routes.label("/elsewhere")).isEqualTo(Routes.UNMATCHED);
    }

    @Test
    void aBadPercentEncodingIsABadRequest() {
        assertThatThrownBy(() -> routes.match(HttpMethod.GET, "/api/v1/documents/%zz"))
                .isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).status()).isEqualTo(HttpResponseStatus.BAD_REQUEST));
    }

    @Test
    void aMethodRoutedTwiceIsAMistakeFoundAtStart() {
        assertThatThrownBy(() -> Routes.builder().get("/a", root).get("/a", root))
                .isInstanceOf(IllegalStateException.class).hasMessage("GET /a is routed twice");
    }
}
