package org.wenzheng.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.wenzheng.app.Assembly;
import org.wenzheng.app.RepoRoot;
import org.wenzheng.app.config.AppConfig;
import org.wenzheng.knowledge.engine.KnowledgeBases;
import org.wenzheng.knowledge.KnowledgeConfig;
import org.wenzheng.server.netty.ServerConfig;
import org.wenzheng.server.netty.WenzhengServer;
import org.wenzheng.server.admin.AdminConfig;
import org.wenzheng.server.admin.AdminFeature;
import org.wenzheng.server.chat.SwappableKnowledgeBase;
import org.wenzheng.server.db.Database;
import org.wenzheng.server.db.SqlTimes;
import org.wenzheng.server.tickets.TicketsConfig;
import org.wenzheng.testing.HeldMails;

/**
 * The tickets, outbox and held-mail sections of the admin page in real headless Chromium, on a
 * server with the ticket desk and the mail bridge of the shipped configuration (its embedded mail
 * server on free ports): an officer answers a citizen's ticket from the page; an administrator
 * retries a failed notice and releases a held mail (whose injected markup stays text) as a
 * ticket's answer.
 */
@BrowserTest
class AdminTicketsBrowserTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path data;
    @TempDir
    static Path profile;

    private static HeadlessChromium chromium;
    private static ChromeDriver driver;
    private static WenzhengServer server;
    private static URI base;
    private static AppConfig app;

    @BeforeAll
    static void startServerAndBrowser() throws Exception {
        chromium = HeadlessChromium.start(profile);
        driver = chromium.driver();
        app = AppConfig.load(RepoRoot.find().resolve("config/wenzheng.yaml"), "config/wenzheng.yaml",
                Optional.of(data));
        AdminConfig admin = app.admin();
        Files.createDirectories(admin.uploadsDir());
        KnowledgeConfig k = AdminFeature.withSource(app.knowledgeConfig(), admin.uploadsDir());
        KnowledgeBases.index(k, progress -> { }, false);
        SwappableKnowledgeBase served = new SwappableKnowledgeBase(KnowledgeBases.open(k));
        TicketsConfig tickets = app.tickets().orElseThrow()
                .withCreateRateLimit(new ServerConfig.RateLimit(1_000, 1_000));
        ServerConfig config = app.server().withPort(0).withRateLimit(new ServerConfig.RateLimit(100_000, 10_000));
        // The login limit out of the way: it has its own tests, and each test here logs in.
        server = Assembly.builder(config, served, Database.open(app.database()))
                .staff(app.staff().withLoginRateLimit(new ServerConfig.RateLimit(100_000, 10_000))).admin(admin, k)
                .tickets(tickets, app.deadlines()).reports(app.reports(), app.calendar()).mail(app.mail().withPorts(freePort(), freePort()), data.resolve("mail"))
                .build().server();
        base = URI.create("http://127.0.0.1:" + server.start().getPort() + "/");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @AfterAll
    static void stop() {
        HeadlessChromium.closeThenStop(chromium, server);
    }

    @BeforeEach
    void loggedOut() {
        chromium.forgetLogin(base);
    }

    private static void logIn(String username, String password) {
        chromium.logIn(base, username, password, "/admin", WAIT);
    }

    private static WebElement awaitVisible(By by) {
        return new WebDriverWait(driver, WAIT).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    /** A citizen's ticket, as the chat page creates it: its code and access key. */
    private static JsonNode citizenTicket(String question) throws Exception {
        return citizenTicket(JSON.createObjectNode().put("question", question).put("channel", "web"));
    }

    private static JsonNode citizenTicket(JsonNode body) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve("/api/v1/tickets"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return JSON.readTree(r.body());
    }

    /** A question asked in the chat, over the API the chat page falls back to: the answer, with its session. */
    private static JsonNode ask(String question) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve("/api/v1/ask"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.createObjectNode().put("question", question)
                        .toString(), StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static JsonNode citizenTicketFrom(String session, String question) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve("/api/v1/tickets"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.createObjectNode().put("question", question)
                        .put("channel", "web").put("session", session).toString(), StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return JSON.readTree(r.body());
    }

    private static JsonNode citizenView(JsonNode ticket) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve(
                "/api/v1/tickets/" + ticket.path("code").asText() + "?key=" + ticket.path("key").asText())).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    @Test
    void anOfficerAnswersACitizensTicketFromTheAdminPage() throws Exception {
        JsonNode ticket = citizenTicket("我家楼下的路灯坏了好几天了找谁修");
        String code = ticket.path("code").asText();

        logIn("officer", "demo-officer-2026");
        WebElement row = awaitVisible(By.cssSelector("#tickets-table tr[data-code='" + code + "']"));
        row.findElement(By.tagName("button")).click();
        awaitVisible(By.id("ticket-detail"));
        assertThat(driver.findElement(By.id("ticket-title")).getText()).contains(code, "路灯坏了");
        WebElement answer = driver.findElement(By.id("ticket-answer"));
        answer.sendKeys("已通知市政维修，三个工作日内修复。");
        driver.findElement(By.id("ticket-answer-send")).click();

        new WebDriverWait(driver, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"),
                "答复已提交"));
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(
                By.id("ticket-facts"), "已答复"));
        assertThat(citizenView(ticket).toString()).contains("已通知市政维修，三个工作日内修复。");

        // The answered ticket proposes an FAQ entry, which an administrator finds in the review.
        driver.findElement(By.id("logout")).click();
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.urlToBe(base.resolve("/login").toString()));
        logIn("admin", "demo-admin-2026");
        driver.findElement(By.cssSelector("a[href='#faq']")).click();
        new WebDriverWait(driver, WAIT).until(d -> d.findElements(By.cssSelector(".proposal textarea.answer")).stream()
                .anyMatch(t -> "已通知市政维修，三个工作日内修复。".equals(t.getAttribute("value"))));
        WebElement proposal = driver.findElements(By.cssSelector(".proposal")).stream()
                .filter(p -> p.getText().contains(code)).findFirst().orElseThrow();
        assertThat(proposal.findElement(By.tagName("p")).getText()).contains("综合办公室");
        assertThat(EnglishWords.onPage(driver, "admin")).isEmpty();
    }

    @Test
    void theTicketsConversationNamesCitizenBotAndOfficerAndShowsABotTurnThatFoundNothing() throws Exception {
        String question = "齉龘靐齾爩鱻麤龗灪";
        JsonNode unsure = ask(question);
        assertThat(unsure.path("answered").asBoolean()).as(unsure.toString()).isFalse();
        String code = citizenTicketFrom(unsure.path("session").asText(), question).path("code").asText();

        logIn("officer", "demo-officer-2026");
        driver.get(base.resolve("/admin#tickets/" + code).toString());
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(
                By.id("ticket-title"), code));
        List<String> lines = driver.findElements(By.cssSelector("#ticket-conversation li")).stream()
                .map(WebElement::getText).toList();
        assertThat(lines).startsWith("市民：" + question, "问政机器人：（暂时无法确定答案）");
        assertThat(lines).noneMatch(l -> l.startsWith("回复：") || l.endsWith("："));

        driver.findElement(By.id("ticket-answer")).sendKeys("您的问题已收到，请补充说明具体事项。");
        driver.findElement(By.id("ticket-answer-send")).click();
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(
                By.id("ticket-conversation"), "工作人员：您的问题已收到，请补充说明具体事项。"));
    }

    @Test
    void theDeskShowsOnlyTheActionsATicketsTypeAllowsAndRefusesInChineseNextToThem() throws Exception {
        String consultation = citizenTicket("小区门口的垃圾桶满了没人清理").path("code").asText();
        String disclosure = citizenTicket(JSON.createObjectNode().put("question", "申请公开本区2025年道路维修预算")
                .put("channel", "web").put("type", "disclosure")).path("code").asText();

        logIn("officer", "demo-officer-2026");
        openTicket(consultation);
        assertThat(visibleActions()).contains("ticket-take", "ticket-close", "ticket-transfer")
                .doesNotContain("ticket-extend", "ticket-correction", "ticket-correction-received");

        openTicket(disclosure);
        assertThat(visibleActions()).contains("ticket-extend", "ticket-correction", "ticket-close")
                .doesNotContain("ticket-correction-received");
        // A refusal the server still makes (an extension longer than the rules allow) shows next to the actions.
        WebElement days = driver.findElement(By.id("ticket-extend-days"));
        days.clear();
        days.sendKeys("30");
        driver.findElement(By.id("ticket-extend")).click();
        WebElement error = awaitVisible(By.cssSelector("#ticket-detail .actions [role=alert]"));
        assertThat(error.getText()).isNotBlank();
        // Account names (the people it may be assigned to) are names, not English sentences.
        assertThat(EnglishWords.within(driver, driver.findElement(By.cssSelector("#ticket-detail .actions")),
                "admin", "officer")).isEmpty();
        assertThat(driver.executeScript("const r = arguments[0].getBoundingClientRect();"
                + "return r.top >= -1 && r.bottom <= window.innerHeight + 1 ? 'in view'"
                + " : r.top + '..' + r.bottom + ' of ' + window.innerHeight;", error)).isEqualTo("in view");
    }

    @Test
    void theDeskListsChannelDepartmentTimeLeftAndAssigneeAndFiltersAndTakesByKeyboard() throws Exception {
        String code = citizenTicket("小区里的路灯晚上不亮了该找哪个部门").path("code").asText();

        logIn("officer", "demo-officer-2026");
        WebElement row = awaitVisible(By.cssSelector("#tickets-table tr[data-code='" + code + "']"));
        assertThat(row.findElement(By.cssSelector(".channel")).getText()).isEqualTo("网站");
        assertThat(row.findElement(By.cssSelector(".department")).getText()).isEqualTo("综合办公室");
        assertThat(row.findElement(By.cssSelector(".time-left")).getText()).matches("剩 \\d+ 个工作日|今日到期");
        assertThat(row.findElement(By.cssSelector(".overdue-flag")).getText()).isEmpty();
        assertThat(row.findElement(By.cssSelector(".assignee")).getText()).isEqualTo("未领取");
        // Short cells are one line each: no break inside 网站, 综合办公室, 未领取 or the time left.
        for (String cell : List.of(".channel", ".department", ".time-left", ".assignee")) {
            assertThat(driver.executeScript("const r = document.createRange(); r.selectNodeContents(arguments[0]);"
                    + "return new Set([...r.getClientRects()].map(x => Math.round(x.top))).size;",
                    row.findElement(By.cssSelector(cell)))).as("lines of %s", cell).isEqualTo(1L);
        }

        // Search by words of the question, then a filter that excludes it.
        WebElement search = driver.findElement(By.id("ticket-search"));
        search.sendKeys("路灯晚上不亮", Keys.ENTER);
        // Read in one script: the table is rebuilt when the search answers, a row read across that is stale.
        new WebDriverWait(driver, WAIT).until(d -> Boolean.TRUE.equals(driver.executeScript(
                "const rows = [...document.querySelectorAll('#tickets-table tbody tr[data-code]')];"
                + "return rows.length > 0 && rows.every(r => r.textContent.includes(arguments[0]));", "路灯晚上不亮")));
        new Select(driver.findElement(By.id("ticket-assignee"))).selectByVisibleText("我的");
        driver.findElement(By.id("ticket-refresh")).click();
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.numberOfElementsToBe(
                By.cssSelector("#tickets-table tr[data-code='" + code + "']"), 0));

        // Take it with the keyboard alone: the 办理 button, then 领取.
        new Select(driver.findElement(By.id("ticket-assignee"))).selectByVisibleText("全部");
        driver.findElement(By.id("ticket-refresh")).click();
        WebElement open = awaitVisible(By.cssSelector("#tickets-table tr[data-code='" + code + "'] button"));
        open.sendKeys(Keys.ENTER);
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(
                By.id("ticket-title"), code));
        driver.findElement(By.id("ticket-take")).sendKeys(Keys.ENTER);
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(
                By.id("ticket-facts"), "承办人员（演示）"));
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("#tickets-table tr[data-code='" + code + "'] .assignee"), "承办人员（演示）"));
        assertThat(driver.findElement(By.id("ticket-events")).getText()).contains("已领取");
        assertThat(EnglishWords.onPage(driver, "admin", "officer")).isEmpty();
    }

    private static void openTicket(String code) {
        driver.get(base.resolve("/admin#tickets/" + code).toString());
        driver.navigate().refresh();
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(
                By.id("ticket-title"), code));
    }

    /** The ids of the desk's action buttons a person can see. */
    private static List<String> visibleActions() {
        return driver.findElements(By.cssSelector("#ticket-actions button")).stream().filter(WebElement::isDisplayed)
                .map(b -> b.getAttribute("id")).toList();
    }

    @Test
    void theEventLogReadsInChineseWithDepartmentAndChannelNames() throws Exception {
        String code = citizenTicket("小区门口的快递柜总是满的怎么办").path("code").asText();

        logIn("admin", "demo-admin-2026");
        driver.get(base.resolve("/admin#tickets/" + code).toString());
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(
                By.id("ticket-title"), code));
        new Select(driver.findElement(By.id("ticket-transfer-department"))).selectByVisibleText("住房和城乡建设局");
        driver.findElement(By.id("ticket-note")).sendKeys("属住建职责");
        driver.findElement(By.id("ticket-transfer")).click();
        // created, routed, escalated; then transferred, escalated again
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.numberOfElementsToBe(
                By.cssSelector("#ticket-events li"), 5));

        WebElement events = driver.findElement(By.id("ticket-events"));
        List<String> lines = events.findElements(By.tagName("li")).stream().map(WebElement::getText).toList();
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("已创建 系统：来源：网站，类型：咨询"));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("已分派 系统：综合办公室（未匹配任何规则，交默认部门）"));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("已转交 admin：综合办公室 → 住房和城乡建设局，说明：属住建职责"));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("已通知部门 系统：通知已发往 "));
        assertThat(EnglishWords.within(driver, events, "admin")).isEmpty();
        assertThat(EnglishWords.within(driver, driver.findElement(By.id("ticket-facts")))).isEmpty();
        // The whole desk: the list, the detail, its actions.
        assertThat(EnglishWords.onPage(driver, "admin")).isEmpty();
    }

    @Test
    void theReportNamesChannelsAndDepartmentsWhileItsJsonKeepsTheIds() throws Exception {
        citizenTicket("小区门口的共享单车乱停放没人管");

        logIn("admin", "demo-admin-2026");
        driver.get(base.resolve("/admin#reports").toString());
        // Opening the section loads the default period: this month, today included.
        // The report is drawn at once, every table together.
        new WebDriverWait(driver, WAIT).until(d -> !d.findElements(By.cssSelector("#report table")).isEmpty());

        WebElement report = driver.findElement(By.id("report"));
        List<String> firstCells = report.findElements(By.cssSelector("tbody tr td:first-child")).stream()
                .map(WebElement::getText).toList();
        assertThat(firstCells).contains("网站", "热线电话", "在线访谈", "接口", "综合办公室");
        assertThat(EnglishWords.within(driver, report)).isEmpty();
        assertThat(EnglishWords.onPage(driver, "admin")).isEmpty();
        String json = (String) driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "fetch('/api/v1/admin/reports?from=' + document.getElementById('report-from').value + '&to='"
                + " + document.getElementById('report-to').value).then((r) => r.text()).then(done);");
        JsonNode tickets = JSON.readTree(json).path("tickets").path("byDepartment");
        assertThat(tickets.findValuesAsText("department")).contains("office");
        assertThat(tickets.findValuesAsText("departmentName")).contains("综合办公室");
        assertThat(JSON.readTree(json).path("questions").path("byChannel").get(0).path("channel").asText())
                .isEqualTo("web");
    }

    @Test
    void theLinkInAnOfficersMailOpensTheTicket() throws Exception {
        String code = citizenTicket("小区门口的垃圾桶满了没人清理").path("code").asText();
        logIn("officer", "demo-officer-2026");

        driver.get(base.resolve("/admin#tickets/" + code).toString());

        new WebDriverWait(driver, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(
                By.id("ticket-title"), code));
        assertThat(awaitVisible(By.id("ticket-detail")).isDisplayed()).isTrue();
        assertThat(driver.findElement(By.id("ticket-title")).getText()).contains("垃圾桶满了");
    }

    @Test
    void theLinkInAnOfficersMailOpensTheTicketAfterTheLogin() throws Exception {
        String code = citizenTicket("公园里的路灯一到晚上就不亮").path("code").asText();

        driver.get(base.resolve("/admin#tickets/" + code).toString());
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.elementToBeClickable(By.id("username")));
        assertThat(driver.getCurrentUrl()).as("the redirect to the login keeps the link's fragment")
                .endsWith("/login#tickets/" + code);
        driver.findElement(By.id("username")).sendKeys("officer");
        driver.findElement(By.id("password")).sendKeys("demo-officer-2026");
        driver.findElement(By.id("login")).click();

        new WebDriverWait(driver, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(
                By.id("ticket-title"), code));
        assertThat(driver.findElement(By.id("ticket-title")).getText()).contains("路灯一到晚上就不亮");
    }

    @Test
    void anAdministratorRetriesAFailedNoticeAndReleasesAHeldMailAsATicketsAnswer() throws Exception {
        JsonNode ticket = citizenTicket("小区的健身器材坏了谁负责维修");
        String code = ticket.path("code").asText();
        String injected = "<img src=x onerror=\"window.__pwned=1\">";
        long held;
        try (Connection c = DriverManager.getConnection(app.database().url(), "", "")) {
            Instant now = Instant.now();
            try (PreparedStatement s = c.prepareStatement("INSERT INTO outbox (id, ticket_code, connector, kind,"
                    + " payload, status, attempts, next_attempt_at, last_error, created_at) VALUES (?, ?, 'mail',"
                    + " 'escalation', '{}', 'failed', 1, ?, ?, ?)")) {
                s.setString(1, "browser-test-failed-1");
                s.setString(2, code);
                SqlTimes.set(s, 3, now);
                s.setString(4, "550 5.1.1 Recipient address rejected " + injected);
                SqlTimes.set(s, 5, now);
                s.executeUpdate();
            }
        }
        held = holdReply(code, "Re: [" + code + "] " + injected, "健身器材已由物业报修，本周内修好。");

        logIn("admin", "demo-admin-2026");
        driver.findElement(By.cssSelector("a[href='#outbox']")).click();
        WebElement failed = awaitVisible(By.cssSelector("#outbox-table tr[data-id='browser-test-failed-1']"));
        assertThat(failed.getText()).contains(code, "550 5.1.1", injected);
        failed.findElement(By.tagName("button")).click();
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"),
                "已重新发送"));

        driver.findElement(By.cssSelector("a[href='#held']")).click();
        WebElement mail = awaitVisible(By.cssSelector("#held-table tr[data-id='" + held + "']"));
        assertThat(mail.getText()).contains("stranger@example.org", injected);
        mail.findElement(By.tagName("button")).click();
        awaitVisible(By.id("held-detail"));
        assertThat(driver.findElement(By.id("held-text")).getText()).contains("健身器材已由物业报修");
        assertThat(driver.findElement(By.id("held-ticket")).getAttribute("value")).isEqualTo(code);
        driver.findElement(By.id("held-release")).click();

        new WebDriverWait(driver, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"),
                "已作为 " + code + " 的答复放行"));
        assertThat(driver.findElements(By.cssSelector("main img, main script"))).isEmpty();
        assertThat(driver.executeScript("return window.__pwned;")).isNull();
        assertThat(citizenView(ticket).toString()).contains("健身器材已由物业报修，本周内修好。");
    }

    private static long holdReply(String code, String subject, String text) throws Exception {
        return HeldMails.hold(app.database().url(), code, "stranger@example.org", subject, text);
    }

    @Test
    void aReplyFromAnUnknownAddressIsShownOnItsTicketAndTheOfficerAcceptsItAfterChecking() throws Exception {
        JsonNode ticket = citizenTicket("小区的电梯经常停运怎么反映");
        String code = ticket.path("code").asText();
        holdReply(code, "Re: [" + code + "] 电梯", "电梯已由维保单位检修，明日恢复运行。");

        logIn("officer", "demo-officer-2026");
        WebElement row = awaitVisible(By.cssSelector("#tickets-table tr[data-code='" + code + "']"));
        assertThat(row.getText()).contains("有待确认的回复");
        openTicket(code);
        WebElement held = awaitVisible(By.id("ticket-held"));
        assertThat(held.getText()).contains("stranger@example.org", "电梯已由维保单位检修");
        WebElement accept = held.findElement(By.cssSelector(".held-accept"));
        assertThat(accept.isEnabled()).as("not before the officer has checked it").isFalse();
        held.findElement(By.cssSelector("input[type=checkbox]")).sendKeys(Keys.SPACE);
        assertThat(accept.isEnabled()).isTrue();
        accept.sendKeys(Keys.ENTER);

        new WebDriverWait(driver, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"),
                "已采纳为答复"));
        assertThat(citizenView(ticket).toString()).contains("电梯已由维保单位检修，明日恢复运行。");
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.invisibilityOfElementLocated(By.id("ticket-held")));
    }
}
