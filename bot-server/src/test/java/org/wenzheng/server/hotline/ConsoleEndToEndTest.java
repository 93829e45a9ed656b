package org.wenzheng.server.hotline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wenzheng.app.Assembly;
import org.wenzheng.app.RepoRoot;
import org.wenzheng.app.config.AppConfig;
import org.wenzheng.knowledge.engine.KnowledgeBases;
import org.wenzheng.knowledge.KnowledgeConfig;
import org.wenzheng.server.chat.ChatConfig;
import org.wenzheng.server.netty.ServerConfig;
import org.wenzheng.server.netty.WenzhengServer;
import org.wenzheng.server.staff.StaffConfig;
import org.wenzheng.server.db.Database;
import org.wenzheng.server.db.DatabaseConfig;
import org.wenzheng.server.staff.Role;
import org.wenzheng.server.db.SqlTimes;
import org.wenzheng.testing.JsonSocket;

/**
 * The hotline integration and the console's API on the real server over a real port: a PBX
 * reports calls with its token, the operator's console (a real WebSocket client with the session
 * cookie) receives the pop-up, the call log is the operator's own.
 */
class ConsoleEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long WAIT_SECONDS = 10;
    private static final String PBX_TOKEN = "pbx-token-0123456789abcdef";
    private static final String OTHER_TOKEN = "other-system-token-0123456789";

    @TempDir
    static Path data;

    private static WenzhengServer server;
    private static int port;
    private static URI base;
    private static String dbUrl;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws IOException {
        AppConfig app = AppConfig.load(RepoRoot.find().resolve("config/wenzheng.yaml"), "config/wenzheng.yaml",
                Optional.of(data));
        KnowledgeConfig knowledge = app.knowledgeConfig();
        KnowledgeBases.index(knowledge, progress -> { }, false);
        StaffConfig staff = new StaffConfig(Duration.ofHours(8), false, new ServerConfig.RateLimit(600, 100), List.of(
                new StaffConfig.SeedAccount("op1", "接线员一", Role.OPERATOR, "op1-password-1"),
                new StaffConfig.SeedAccount("op2", "接线员二", Role.OPERATOR, "op2-password-1"),
                // Only the pop-up test opens sockets of op3: it counts them exactly.
                new StaffConfig.SeedAccount("op3", "接线员三", Role.OPERATOR, "op3-password-1"),
                new StaffConfig.SeedAccount("host", "主持人", Role.MODERATOR, "host-password-1")));
        HotlineConfig hotline = new HotlineConfig(List.of(
                new HotlineConfig.Integration("pbx", PBX_TOKEN, null),
                new HotlineConfig.Integration("other", null, "OTHER_PBX_TOKEN")),
                Map.of("op1", "8001", "op2", "8002", "op3", "8003"), HotlineConfig.DEFAULT_TIME_ZONE, 200);
        dbUrl = DatabaseConfig.sqliteUrl(data);
        server = Assembly.builder(app.server().withPort(0).withRateLimit(new ServerConfig.RateLimit(100_000, 10_000)),
                        KnowledgeBases.open(knowledge), Database.open(app.database()))
                .staff(staff)
                .tickets(app.tickets().orElseThrow(), app.deadlines())
                .hotline(hotline, name -> name.equals("OTHER_PBX_TOKEN") ? Optional.of(OTHER_TOKEN) : Optional.empty())
                .build().server();
        port = server.start().getPort();
        base = URI.create("http://127.0.0.1:" + port);
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    // ------------------------------------------------------------------ helpers

    /** A logged-in staff member: the session cookie and the CSRF token. */
    private record Staff(String cookie, String csrf) {
    }

    private static Staff logIn(String username, String password) throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(base.resolve("/api/v1/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.createObjectNode().put("username", username)
                        .put("password", password).toString())));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        String cookie = r.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        return new Staff(cookie, JSON.readTree(r.body()).path("csrf").asText());
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> report(String token, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve("/api/v1/calls"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return send(b);
    }

    private static String started(String callId, String caller, String extension) {
        return JSON.createObjectNode().put("event", "started").put("callId", callId).put("caller", caller)
                .put("extension", extension).toString();
    }

    private static HttpResponse<String> get(Staff staff, String path) throws Exception {
        return send(HttpRequest.newBuilder(base.resolve(path)).header("Cookie", staff.cookie()).GET());
    }

    private static HttpResponse<String> post(Staff staff, String path, String json) throws Exception {
        return send(HttpRequest.newBuilder(base.resolve(path)).header("Cookie", staff.cookie())
                .header("X-CSRF-Token", staff.csrf()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)));
    }

    private static JsonNode json(HttpResponse<String> r, int status) throws IOException {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        return JSON.readTree(r.body());
    }

    private static void assertError(HttpResponse<String> r, int status, String code, String messagePart)
            throws IOException {
        JsonNode body = json(r, status);
        assertThat(body.path("error").path("code").asText()).isEqualTo(code);
        assertThat(body.path("error").path("message").asText()).contains(messagePart);
    }

    /** Today's calls of a staff member. */
    private static JsonNode calls(Staff staff) throws Exception {
        return json(get(staff, "/api/v1/staff/calls"), 200).path("calls");
    }

    private static JsonNode callWithId(JsonNode calls, long id) {
        for (JsonNode c : calls) {
            if (c.path("id").asLong() == id) {
                return c;
            }
        }
        return null;
    }

    private static JsonSocket connect(String cookie, String origin) {
        return JsonSocket.to(URI.create("ws://127.0.0.1:" + port + HotlineFeature.SOCKET_PATH)).cookie(cookie)
                .origin(origin).openAsync().join();
    }

    private static JsonSocket openConsole(Staff staff) {
        JsonSocket c = connect(staff.cookie(), "http://127.0.0.1:" + port);
        // The server says when the socket has joined: a call reported after this reaches it.
        try {
            assertThat(c.next().path("type").asText()).isEqualTo("ready");
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        return c;
    }

    private static int handshakeStatus(String cookie, String origin) throws Exception {
        try {
            JsonSocket c = connect(cookie, origin);
            c.close();
            return 101;
        } catch (java.util.concurrent.CompletionException e) {
            assertThat(e.getCause()).isInstanceOf(WebSocketHandshakeException.class);
            return ((WebSocketHandshakeException) e.getCause()).getResponse().statusCode();
        }
    }

    private static String newCallId() {
        return UUID.randomUUID().toString();
    }

    // ------------------------------------------------------------------ PBX reports and the pop-up

    @Test
    void aStartedCallWithTheRightTokenPopsUpOnTheOperatorsConsoleWithItsEntryPrefilled() throws Exception {
        Staff op3 = logIn("op3", "op3-password-1");
        JsonSocket console = openConsole(op3);
        String callId = newCallId();

        HttpResponse<String> r = report(PBX_TOKEN, started(callId, "+86 138-0013-8000", "8003"));

        JsonNode answer = json(r, 200);
        assertThat(answer.path("duplicate").asBoolean()).isFalse();
        assertThat(answer.path("operator").asText()).isEqualTo("op3");
        assertThat(answer.path("consoles").asInt()).isEqualTo(1);
        JsonNode pushed = console.next();
        assertThat(pushed.path("type").asText()).isEqualTo("call_started");
        JsonNode call = pushed.path("call").path("call");
        assertThat(call.path("caller").asText()).isEqualTo("138****8000");
        assertThat(call.path("extension").asText()).isEqualTo("8003");
        assertThat(call.path("source").asText()).isEqualTo("pbx");
        assertThat(call.path("startedAt").asText()).isNotEmpty();
        assertThat(call.path("endedAt").isNull()).isTrue();
        assertThat(pushed.toString()).doesNotContain("13800138000");
        JsonNode listed = callWithId(calls(op3), call.path("id").asLong());
        assertThat(listed).as("today's calls list the new entry").isNotNull();
        assertThat(listed.path("caller").asText()).isEqualTo("138****8000");
        console.close();
    }

    @Test
    void aReportSentAgainIsRecordedOnceAndNotPushedAgain() throws Exception {
        Staff op1 = logIn("op1", "op1-password-1");
        String callId = newCallId();
        JsonNode first = json(report(PBX_TOKEN, started(callId, "13900139001", "8001")), 200);
        int before = calls(op1).size();

        JsonNode again = json(report(PBX_TOKEN, started(callId, "13900139001", "8001")), 200);

        assertThat(first.path("duplicate").asBoolean()).isFalse();
        assertThat(again.path("duplicate").asBoolean()).isTrue();
        assertThat(again.path("consoles").asInt()).isZero();
        assertThat(calls(op1).size()).isEqualTo(before);
        // The same call id from another integration is another call.
        JsonNode other = json(report(OTHER_TOKEN, started(callId, "13900139001", "8001")), 200);
        assertThat(other.path("duplicate").asBoolean()).isFalse();
        assertThat(calls(op1).size()).isEqualTo(before + 1);
    }

    @Test
    void endedStampsTheEndAndTellsTheConsole() throws Exception {
        Staff op1 = logIn("op1", "op1-password-1");
        String callId = newCallId();
        JsonNode started = json(report(PBX_TOKEN, started(callId, "13700137002", "8001")), 200);
        JsonSocket console = openConsole(op1);

        json(report(PBX_TOKEN, JSON.createObjectNode().put("event", "ended").put("callId", callId)
                .put("at", "2026-11-26T10:15:30+08:00").toString()), 200);

        JsonNode pushed = console.next();
        assertThat(pushed.path("type").asText()).isEqualTo("call_ended");
        assertThat(pushed.path("call").path("endedAt").asText()).isEqualTo("2026-11-26T02:15:30Z");
        assertThat(started.path("callId").asText()).isEqualTo(callId);
        console.close();
    }

    @Test
    void theCallersEarlierCallsAndOpenTicketsPopUpWithTheNextCall() throws Exception {
        Staff op2 = logIn("op2", "op2-password-1");
        String phone = "13600136003";
        JsonNode first = json(report(PBX_TOKEN, started(newCallId(), phone, "8002")), 200);
        long firstId = latestId(op2);
        json(post(op2, "/api/v1/staff/calls/" + firstId, "{\"question\":\"失业保险金怎么领？\"}"), 200);
        insertTicket("WZ-20261126-9001", phone, "open", "低保申请进度");
        insertTicket("WZ-20261126-9002", phone, "answered", "已答复的问题");
        JsonSocket console = openConsole(op2);

        json(report(PBX_TOKEN, started(newCallId(), phone, "8002")), 200);

        JsonNode popUp = console.next().path("call");
        assertThat(first.path("operator").asText()).isEqualTo("op2");
        assertThat(popUp.path("earlierCalls")).hasSize(1);
        assertThat(popUp.path("earlierCalls").get(0).path("question").asText()).isEqualTo("失业保险金怎么领？");
        assertThat(popUp.path("earlierCalls").get(0).path("caller").asText()).isEqualTo("136****6003");
        assertThat(popUp.path("openTickets")).hasSize(1);
        assertThat(popUp.path("openTickets").get(0).path("code").asText()).isEqualTo("WZ-20261126-9001");
        assertThat(popUp.path("openTickets").get(0).path("question").asText()).isEqualTo("低保申请进度");
        console.close();
    }

    private static long latestId(Staff staff) throws Exception {
        return calls(staff).get(0).path("id").asLong();
    }

    /** A ticket as the tickets feature writes it (V3), straight into the server's database file. */
    private static void insertTicket(String code, String phone, String status, String question) throws Exception {
        try (Connection c = DriverManager.getConnection(dbUrl);
                PreparedStatement s = c.prepareStatement("INSERT INTO tickets (code, key_hash, ticket_type, status,"
                        + " channel, question, question_key, department, candidates, contact_phone, contact_consent,"
                        + " created_at, clock_started_on, deadline, extension_days, version)"
                        + " VALUES (?, ?, 'consultation', ?, 'hotline', ?, ?, 'office', '[]', ?, TRUE, ?, ?, ?, 0, 0)")) {
            s.setString(1, code);
            s.setString(2, "0".repeat(64));
            s.setString(3, status);
            s.setString(4, question);
            s.setString(5, question);
            s.setString(6, phone);
            SqlTimes.set(s, 7, Instant.now());
            s.setObject(8, LocalDate.of(2026, 11, 26));
            s.setObject(9, LocalDate.of(2026, 12, 1));
            s.executeUpdate();
        }
    }

    @Test
    void aCallToAnExtensionOfNoOperatorIsKeptAndAnswered202WithoutOperator() throws Exception {
        JsonNode answer = json(report(PBX_TOKEN, started(newCallId(), "13500135004", "9999")), 202);

        assertThat(answer.path("operator").isNull()).isTrue();
        assertThat(answer.path("consoles").asInt()).isZero();
        assertThat(answer.path("duplicate").asBoolean()).isFalse();
    }

    @Test
    void aMissingOrWrongTokenIsRefusedWith401() throws Exception {
        String body = started(newCallId(), "13800138000", "8001");

        for (String token : new String[] {null, "wrong-token-0123456789abcdef", PBX_TOKEN + "x", ""}) {
            HttpResponse<String> r = report(token, body);
            assertError(r, 401, "unauthenticated", "Authorization: Bearer");
            assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue(PbxCallsEndpoint.CHALLENGE);
        }
        HttpResponse<String> basic = send(HttpRequest.newBuilder(base.resolve("/api/v1/calls"))
                .header("Content-Type", "application/json").header("Authorization", "Basic " + PBX_TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertError(basic, 401, "unauthenticated", "Bearer");
    }

    @Test
    void aBadReportIsRefusedWith400NamingTheField() throws Exception {
        assertError(report(PBX_TOKEN, "{\"event\": \"started\", "), 400, "bad_json", "not valid JSON");
        assertError(report(PBX_TOKEN, "{\"callId\": \"a1\", \"caller\": \"13800138000\", \"extension\": \"8001\"}"),
                400, "invalid_field", "event is missing");
        assertError(report(PBX_TOKEN, "{\"event\": \"ringing\", \"callId\": \"a1\", \"extension\": \"8001\"}"),
                400, "invalid_field", "event must be");
        assertError(report(PBX_TOKEN, "{\"event\": \"started\", \"caller\": \"13800138000\", \"extension\": \"8001\"}"),
                400, "invalid_field", "callId is missing");
        assertError(report(PBX_TOKEN, "{\"event\": \"started\", \"callId\": \"" + "x".repeat(
                PbxCallsEndpoint.MAX_CALL_ID_CHARS + 1) + "\", \"extension\": \"8001\"}"), 400, "invalid_field",
                "callId must be 1 to " + PbxCallsEndpoint.MAX_CALL_ID_CHARS);
        assertError(report(PBX_TOKEN, "{\"event\": \"started\", \"callId\": \"a1\", \"caller\": \"call me\","
                + " \"extension\": \"8001\"}"), 400, "invalid_field", "caller must be a phone number");
        assertError(report(PBX_TOKEN, "{\"event\": \"started\", \"callId\": \"a1\", \"caller\": \"13800138000\"}"),
                400, "invalid_field", "extension is missing");
        assertError(report(PBX_TOKEN, "{\"event\": \"started\", \"callId\": \"a1\", \"extension\": \"8001\","
                + " \"at\": \"yesterday\"}"), 400, "invalid_field", "at must be an ISO-8601 time");
        assertError(report(PBX_TOKEN, "{\"event\": 1, \"callId\": \"a1\", \"extension\": \"8001\"}"), 400,
                "invalid_field", "event must be a string");
    }

    // ------------------------------------------------------------------ the push channel

    @Test
    void theConsoleSocketNeedsALiveSessionOfAnOperatorAndTheServersOwnOrigin() throws Exception {
        Staff op1 = logIn("op1", "op1-password-1");
        Staff host = logIn("host", "host-password-1");
        String own = "http://127.0.0.1:" + port;

        assertThat(handshakeStatus(null, own)).isEqualTo(401);
        assertThat(handshakeStatus("wz_session=not-a-session", own)).isEqualTo(401);
        assertThat(handshakeStatus(host.cookie(), own)).isEqualTo(403);
        assertThat(handshakeStatus(op1.cookie(), "http://evil.example")).isEqualTo(403);
        assertThat(handshakeStatus(op1.cookie(), own)).isEqualTo(101);
        assertThat(handshakeStatus(op1.cookie() + "; wz_session=planted", own))
                .as("two session cookies: refused, not one of them picked").isEqualTo(400);
    }

    @Test
    void anAddressHoldingAsManyConsolesAsTheChatCapIsRefusedWith429() throws Exception {
        Staff op2 = logIn("op2", "op2-password-1");
        String own = "http://127.0.0.1:" + port;
        List<JsonSocket> opened = new ArrayList<>();
        try {
            HttpResponse<?> refusal = null;
            // Other tests may have consoles open from this address too: open until the cap is reached.
            for (int i = 0; i <= ChatConfig.DEFAULT_MAX_CONNECTIONS_PER_ADDRESS && refusal == null; i++) {
                try {
                    JsonSocket c = connect(op2.cookie(), own);
                    opened.add(c);
                } catch (java.util.concurrent.CompletionException e) {
                    refusal = ((WebSocketHandshakeException) e.getCause()).getResponse();
                }
            }
            assertThat(refusal).as("a refusal within %d consoles", ChatConfig.DEFAULT_MAX_CONNECTIONS_PER_ADDRESS + 1)
                    .isNotNull();
            assertThat(refusal.statusCode()).isEqualTo(429);

            opened.remove(0).close();
            // The server counts a socket until its channel has closed, a moment after the close frame.
            JsonSocket again = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
            while (again == null && System.nanoTime() < deadline) {
                try {
                    again = connect(op2.cookie(), own);
                } catch (java.util.concurrent.CompletionException e) {
                    Thread.sleep(5);
                }
            }
            assertThat(again).as("a console once another one closed").isNotNull();
            opened.add(again);
        } finally {
            for (JsonSocket c : opened) {
                c.close();
            }
        }
    }

    @Test
    void aFrameLargerThanTheStaffSocketsLimitClosesItAndMetricsCountOpenConsoles() throws Exception {
        Staff op2 = logIn("op2", "op2-password-1");
        JsonSocket console = openConsole(op2);
        String metrics = send(HttpRequest.newBuilder(base.resolve("/metrics")).GET()).body();
        assertThat(metrics).containsPattern("wenzheng_console_sockets [1-9]");

        console.socket().sendText("x".repeat(org.wenzheng.server.staff.StaffSocket.MAX_FRAME_BYTES + 1), true);

        assertThat(console.awaitClose()).isEqualTo(1009);
    }

    // ------------------------------------------------------------------ the call log

    @Test
    void anOperatorWritesTheirCallLogAndCannotReadOrWriteAnotherOperatorsCall() throws Exception {
        Staff op1 = logIn("op1", "op1-password-1");
        Staff op2 = logIn("op2", "op2-password-1");
        json(report(PBX_TOKEN, started(newCallId(), "13800138005", "8001")), 200);
        long id = latestId(op1);

        JsonNode saved = json(post(op1, "/api/v1/staff/calls/" + id, JSON.createObjectNode()
                .put("question", "政府信息公开申请多久答复？").put("answerGiven", "20个工作日内——《条例》第三十三条")
                .put("notes", "来电人要求书面答复").toString()), 200);

        assertThat(saved.path("answerGiven").asText()).isEqualTo("20个工作日内——《条例》第三十三条");
        JsonNode read = json(get(op1, "/api/v1/staff/calls/" + id), 200).path("call");
        assertThat(read.path("question").asText()).isEqualTo("政府信息公开申请多久答复？");
        assertThat(read.path("notes").asText()).isEqualTo("来电人要求书面答复");
        assertError(get(op2, "/api/v1/staff/calls/" + id), 404, "not_found", "没有这条来电记录");
        assertError(post(op2, "/api/v1/staff/calls/" + id, "{\"notes\":\"改写\"}"), 404, "not_found", "没有这条来电记录");
        assertThat(callWithId(calls(op2), id)).isNull();
        assertThat(json(get(op1, "/api/v1/staff/calls/" + id), 200).path("call").path("notes").asText())
                .isEqualTo("来电人要求书面答复");
        assertError(get(op1, "/api/v1/staff/calls/not-a-number"), 404, "not_found", "没有这条来电记录");
    }

    @Test
    void aCallLogFieldLongerThanTheLimitIsRefusedNamingIt() throws Exception {
        Staff op1 = logIn("op1", "op1-password-1");
        long id = json(post(op1, "/api/v1/staff/calls", "{}"), 201).path("call").path("id").asLong();

        assertThat(json(post(op1, "/api/v1/staff/calls/" + id, JSON.createObjectNode()
                .put("notes", "备".repeat(200)).toString()), 200).path("notes").asText()).hasSize(200);
        assertError(post(op1, "/api/v1/staff/calls/" + id, JSON.createObjectNode()
                .put("notes", "备".repeat(201)).toString()), 400, "invalid_field", "备注最多 200 个字，当前 201 个字");
    }

    @Test
    void theCallLogNeedsTheCsrfTokenAndALogin() throws Exception {
        Staff op1 = logIn("op1", "op1-password-1");

        assertError(send(HttpRequest.newBuilder(base.resolve("/api/v1/staff/calls")).GET()), 401, "unauthenticated",
                "请先登录");
        assertError(send(HttpRequest.newBuilder(base.resolve("/api/v1/staff/calls")).header("Cookie", op1.cookie())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}"))), 403,
                "csrf", "页面已过期");
    }

    @Test
    void theConsoleAsksTheEngineForAConfidentAnswer() throws Exception {
        Staff op1 = logIn("op1", "op1-password-1");

        JsonNode answer = json(get(op1, "/api/v1/staff/answer?q="
                + java.net.URLEncoder.encode("申请政府信息公开需要说明用途吗？", StandardCharsets.UTF_8)), 200);
        JsonNode offTopic = json(get(op1, "/api/v1/staff/answer?q="
                + java.net.URLEncoder.encode("哈哈", StandardCharsets.UTF_8)), 200);

        assertThat(answer.path("answered").asBoolean()).isTrue();
        assertThat(answer.path("answer").asText()).startsWith("不需要。");
        assertThat(answer.path("citations").get(0).path("display").asText()).contains("申请政府信息公开需要说明用途吗");
        assertThat(offTopic.path("answered").asBoolean()).isFalse();
        assertThat(offTopic.path("answer").asText()).isEmpty();
        assertError(get(op1, "/api/v1/staff/answer?q=%20"), 400, "invalid_field", "请填写问题");
    }

    // ------------------------------------------------------------------ escalation

    @Test
    void anEscalatedCallBecomesATicketWithTheCallersNumberWhichPopsUpWithTheNextCall() throws Exception {
        Staff op1 = logIn("op1", "op1-password-1");
        String phone = "13311113333";
        json(report(PBX_TOKEN, started(newCallId(), "+86 133-1111-3333", "8001")), 200);
        long id = latestId(op1);
        json(post(op1, "/api/v1/staff/calls/" + id, "{\"question\":\"我家门口的路灯坏了一个月没人修\"}"), 200);

        assertError(post(op1, "/api/v1/staff/calls/" + id + "/escalate", "{}"), 400, "invalid_field",
                "请先征得来电人同意，并勾选“来电人同意留存号码用于回访”");
        assertError(post(op1, "/api/v1/staff/calls/" + id + "/escalate", "{\"consent\":true,\"callbackPhone\":\"later\"}"),
                400, "invalid_field", "回访电话格式不正确");
        assertError(post(op1, "/api/v1/staff/calls/" + id + "/escalate", "{\"consent\":true,\"callbackPhone\":\"12345\"}"),
                400, "invalid_field", "回访电话格式不正确");
        JsonNode ticket = json(post(op1, "/api/v1/staff/calls/" + id + "/escalate", "{\"consent\":true}"), 201);

        String code = ticket.path("code").asText();
        assertThat(code).matches("WZ-\\d{8}-\\d{4}");
        assertThat(ticket.path("key").asText()).isNotBlank();
        assertThat(ticket.path("deadline").asText()).matches("\\d{4}-\\d{2}-\\d{2}");
        assertThat(ticket.path("call").path("ticketCode").asText()).isEqualTo(code);
        assertThat(json(get(op1, "/api/v1/staff/calls/" + id), 200).path("call").path("ticketCode").asText())
                .isEqualTo(code);
        try (Connection c = DriverManager.getConnection(dbUrl);
                PreparedStatement s = c.prepareStatement(
                        "SELECT contact_phone, channel, question, contact_consent FROM tickets WHERE code = ?")) {
            s.setString(1, code);
            try (java.sql.ResultSet r = s.executeQuery()) {
                assertThat(r.next()).isTrue();
                assertThat(r.getString(1)).as("the callback number, kept for the officer").isEqualTo(phone);
                assertThat(r.getString(2)).isEqualTo("hotline");
                assertThat(r.getString(3)).isEqualTo("我家门口的路灯坏了一个月没人修");
                assertThat(r.getBoolean(4)).isTrue();
            }
        }
        assertError(post(op1, "/api/v1/staff/calls/" + id + "/escalate", "{\"consent\":true}"), 409, "conflict",
                code);
        Staff op2 = logIn("op2", "op2-password-1");
        assertError(post(op2, "/api/v1/staff/calls/" + id + "/escalate", "{\"consent\":true}"), 404, "not_found",
                "没有这条来电记录");

        json(report(PBX_TOKEN, started(newCallId(), phone, "8001")), 200);
        JsonNode next = json(get(op1, "/api/v1/staff/calls/" + latestId(op1)), 200);
        assertThat(next.path("openTickets").findValuesAsText("code")).contains(code);
        assertThat(next.path("earlierCalls").findValuesAsText("ticketCode")).contains(code);
    }

    @Test
    void aCallWithAWithheldNumberIsEscalatedWithTheNumberTheCallerGives() throws Exception {
        Staff op1 = logIn("op1", "op1-password-1");
        long id = json(post(op1, "/api/v1/staff/calls", "{}"), 201).path("call").path("id").asLong();

        assertError(post(op1, "/api/v1/staff/calls/" + id + "/escalate", "{\"consent\":true,\"question\":\"问题\"}"),
                400, "invalid_field", "来电号码未显示，请填写回访电话");
        JsonNode ticket = json(post(op1, "/api/v1/staff/calls/" + id + "/escalate",
                "{\"consent\":true,\"question\":\"申请公开某项目的环评报告\",\"type\":\"disclosure\","
                        + "\"callbackPhone\":\"010-6512 3456\"}"), 201);

        assertThat(ticket.path("call").path("question").asText()).isEqualTo("申请公开某项目的环评报告");
        assertThat(ticket.toString()).doesNotContain("65123456");
    }
}
