package org.wenzheng.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * A staff member's (or, without a login, a citizen's) session over HTTP: the setup of a browser test
 * whose subject is a page, not the API.
 */
record StaffApi(URI base, HttpClient client, String csrf) {
    static final ObjectMapper JSON = new ObjectMapper();

    static StaffApi logIn(URI base, String username, String password) throws Exception {
        HttpClient c = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        HttpResponse<String> r = c.send(HttpRequest.newBuilder(base.resolve("/api/v1/login"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        JSON.createObjectNode().put("username", username).put("password", password).toString()))
                .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return new StaffApi(base, c, JSON.readTree(r.body()).path("csrf").asText());
    }

    /** A visitor without a session, as the public pages call the API. */
    static StaffApi citizen(URI base) {
        return new StaffApi(base, HttpClient.newHttpClient(), "no session");
    }

    JsonNode get(String path) throws Exception {
        return ok(client.send(HttpRequest.newBuilder(base.resolve(path)).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)));
    }

    JsonNode post(String path, JsonNode body) throws Exception {
        return ok(client.send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .header("X-CSRF-Token", csrf)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)));
    }

    /** The id of the demo account with this username among the interview admin's pickers ("officers", "moderators"). */
    long staffId(String list, String username) throws Exception {
        for (JsonNode s : get("/api/v1/admin/interviews").path(list)) {
            if (s.path("username").asText().equals(username)) {
                return s.path("id").asLong();
            }
        }
        throw new AssertionError(username + " is not among the " + list);
    }

    private static JsonNode ok(HttpResponse<String> r) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isBetween(200, 202);
        return JSON.readTree(r.body());
    }
}
