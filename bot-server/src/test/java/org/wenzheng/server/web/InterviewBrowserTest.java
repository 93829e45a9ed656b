package org.wenzheng.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.wenzheng.app.config.AppConfig;
import org.wenzheng.server.netty.ServerConfig;
import org.wenzheng.server.staff.StaffConfig;
import org.wenzheng.server.netty.WenzhengServer;

/**
 * A whole online interview in real headless Chromium, with the demo accounts of the shipped
 * configuration: the administrator creates and starts it on /admin/interviews, a citizen asks on
 * the public page (on a phone-sized window) and keeps it open, the moderator gives the question to
 * the guest with the keyboard, the guest publishes an answer, and the citizen's page shows it
 * without a reload; after the end it is the transcript. A question left unanswered becomes a ticket,
 * whose answer the transcript then shows as 会后答复 under the department's name. The questions and
 * that answer carry markup, which stays text on the moderator's, the guest's and the public page.
 * Every page runs under the CSP.
 */
@BrowserTest
class InterviewBrowserTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Dimension PHONE = new Dimension(390, 844);
    private static final String INJECTED = "<img src=x onerror=\"window.__pwned=1\"><script>window.__pwned=2</script>";
    private static final String QUESTION = INJECTED + "小区门口的路灯坏了三个月，谁来修？";
    private static final String ANSWER = "已转城管部门，本周内修复。";
    private static final String LATER_QUESTION = INJECTED + "退休后医保个人账户的钱还能用吗？我的手机13812345678";
    private static final String LATER_ANSWER = "<b onmouseover=\"window.__pwned=3\">可以</b>，个人账户余额继续使用。"
            + "经办人电话13900001111";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path data;
    @TempDir
    static Path profile;

    private static HeadlessChromium chromium;
    private static ChromeDriver driver;
    private static WenzhengServer server;
    private static URI base;

    @BeforeAll
    static void startServerAndBrowser() throws IOException {
        chromium = HeadlessChromium.start(profile);
        driver = chromium.driver();
        AppConfig app = SampleSite.config(data);
        // Each test logs several people in from the one address; the shipped login limit (10 a
        // minute after 5) is a defence against guessing, not what this class tests.
        StaffConfig staff = app.staff().withLoginRateLimit(new ServerConfig.RateLimit(1_000, 100));
        server = SampleSite.builder(app).staff(staff)
                .tickets(app.tickets().orElseThrow(), app.deadlines())
                .interviews(app.interviews(), app.knowledge().stopPhrasesFile()).build().server();
        base = URI.create("http://127.0.0.1:" + server.start().getPort() + "/");
    }

    @AfterAll
    static void stop() {
        HeadlessChromium.closeThenStop(chromium, server);
    }

    /** Waits, reading again an element that a page re-rendered meanwhile (its lists are rebuilt on each poll). */
    private static WebDriverWait waiting() {
        WebDriverWait wait = new WebDriverWait(driver, WAIT);
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    /**
     * Logs in on the login page as a fresh visitor (no cookie of the previous person), and waits
     * until the page has gone on to the role's start page.
     */
    private static void logIn(String username, String password) {
        chromium.forgetLogin(base);
        chromium.submitLogin(base, username, password, WAIT);
        waiting().until(d -> d.manage().getCookieNamed("wz_session") != null
                && !d.getCurrentUrl().equals(base.resolve("/login").toString()));
    }

    private static String textContent(WebElement e) {
        return (String) driver.executeScript("return arguments[0].textContent;", e);
    }

    private static void assertNothingInjectedOrBlocked(String within) {
        assertThat(driver.findElements(By.cssSelector(within + " script, " + within + " img")))
                .as("elements injected into " + within).isEmpty();
        assertThat(driver.executeScript("return typeof window.__pwned;")).isEqualTo("undefined");
        assertThat(chromium.cspViolations()).isEmpty();
    }

    @Test
    void aGuestWithoutATitleIsRefusedInChineseNamingTheGuestsTitle() {
        logIn("admin", "demo-admin-2026");
        driver.get(base.resolve("/admin/interviews").toString());
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#f-guests input[type=checkbox]")));
        driver.findElement(By.id("f-title")).sendKeys("养老政策在线访谈");
        driver.executeScript("document.getElementById('f-starts').value = '2026-11-27T10:00';"
                + "document.getElementById('f-ends').value = '2026-11-27T12:00';");
        driver.findElement(By.cssSelector("#f-guests input[type=checkbox]")).click();
        driver.findElement(By.id("save")).click();

        WebElement error = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("form-error")));
        assertThat(error.getText()).isEqualTo("请填写嘉宾承办人员（演示）的职务");
        assertThat(EnglishWords.within(driver, driver.findElement(By.id("event-form")),
                // The staff's usernames, shown after their names to tell two 张伟 apart.
                "moderator", "officer")).isEmpty();
        assertThat(driver.findElements(By.xpath("//*[@id='events']/li[contains(., '养老政策在线访谈')]"))).isEmpty();
    }

    @Test
    void aQuestionGoesFromTheCitizenToTheModeratorToTheGuestAndIntoTheTranscript() {
        // The administrator creates the event with the demo moderator and officer, and starts it.
        logIn("admin", "demo-admin-2026");
        driver.get(base.resolve("/admin/interviews").toString());
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#f-guests input[type=checkbox]")));
        driver.findElement(By.id("f-title")).sendKeys("社保政策在线访谈");
        driver.findElement(By.id("f-description")).sendKeys("市人社局负责人与网友在线交流。");
        driver.executeScript("document.getElementById('f-starts').value = '2026-11-26T10:00';"
                + "document.getElementById('f-ends').value = '2026-11-26T12:00';");
        new Select(driver.findElement(By.id("f-moderator"))).selectByVisibleText("主持人（演示）（moderator）");
        driver.findElement(By.cssSelector("#f-guests input[type=checkbox]")).click();
        driver.findElement(By.cssSelector("#f-guests input[type=text]")).sendKeys("市人社局副局长");
        driver.findElement(By.id("save")).click();
        // Found by its title: the other test's event may be listed too.
        WebElement event = waiting().until(ExpectedConditions.presenceOfElementLocated(
                By.xpath("//*[@id='events']/li[contains(., '社保政策在线访谈')]")));
        String id = event.getDomAttribute("data-id");
        By thisEvent = By.cssSelector("#events li[data-id='" + id + "']");
        event.findElement(By.cssSelector("button.start")).click();
        waiting().until(d -> d.findElement(thisEvent).getText().contains("进行中"));
        assertThat(chromium.cspViolations()).isEmpty();
        assertThat(EnglishWords.onPage(driver, "moderator", "officer")).as("/admin/interviews").isEmpty();

        // A citizen on a phone asks, and keeps the page open.
        String staffTab = driver.getWindowHandle();
        String citizenTab = chromium.newTab();
        driver.manage().window().setSize(PHONE);
        driver.get(base.resolve("/interview/" + id).toString());
        waiting().until(d -> d.findElement(By.id("title")).getText().equals("社保政策在线访谈"));
        assertThat(driver.findElement(By.id("guests")).getText()).contains("承办人员（演示）", "市人社局副局长");
        assertThat(driver.findElement(By.id("status")).getText()).isEqualTo("进行中");
        driver.findElement(By.id("asker")).sendKeys("王先生");
        driver.findElement(By.id("question")).sendKeys(QUESTION);
        driver.findElement(By.id("send")).click();
        waiting().until(ExpectedConditions.textToBe(By.id("ask-result"), "问题已提交，主持人将转给嘉宾回答。"));
        assertThat(driver.findElements(By.cssSelector("#feed .qa"))).as("nothing answered yet").isEmpty();
        // Lost if the page were ever reloaded or left.
        driver.executeScript("window.__sameDocument = 'yes';");
        long viewport = (Long) driver.executeScript("return document.documentElement.clientWidth;");
        long content = (Long) driver.executeScript("return document.documentElement.scrollWidth;");
        assertThat(content).as("no sideways scrolling on a phone").isLessThanOrEqualTo(viewport);

        // The moderator sees it (as text) and gives it to the first guest with the key 1.
        driver.switchTo().window(staffTab);
        logIn("moderator", "demo-moderator-2026");
        waiting().until(ExpectedConditions.urlToBe(base.resolve("/interviews").toString()));
        // Its own event's link: another test's event may be listed too.
        waiting().until(ExpectedConditions.elementToBeClickable(By.xpath(
                "//*[@id='events']/li[@data-id='" + id + "']//a[.='主持页面']"))).click();
        WebElement queued = waiting().until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#queued .entry.selected")));
        assertThat(textContent(queued.findElement(By.cssSelector(".qa-question")))).isEqualTo(QUESTION);
        assertThat(queued.getText()).contains("称呼：王**");
        assertNothingInjectedOrBlocked("#queued");
        driver.findElement(By.tagName("body")).sendKeys("1");
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#assigned .entry")));
        assertThat(driver.findElement(By.cssSelector("#assigned .entry")).getText()).contains("已交给 承办人员（演示）");
        assertThat(EnglishWords.onPageWithout(driver, INJECTED, "moderator")).as("the moderator's page").isEmpty();

        // The guest answers it.
        // Officers land on /admin (their tickets; its link 我的访谈 is AdminPageBrowserTest's), not
        // installed in this server: the guest goes on to the interviews they answer at.
        logIn("officer", "demo-officer-2026");
        waiting().until(ExpectedConditions.urlToBe(base.resolve("/admin").toString()));
        driver.get(base.resolve("/interviews").toString());
        waiting().until(ExpectedConditions.elementToBeClickable(By.xpath(
                "//*[@id='events']/li[@data-id='" + id + "']//a[.='嘉宾答题']"))).click();
        WebElement mine = waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#open .entry")));
        assertThat(textContent(mine.findElement(By.cssSelector(".qa-question")))).isEqualTo(QUESTION);
        assertNothingInjectedOrBlocked("#open");
        WebElement box = mine.findElement(By.tagName("textarea"));
        box.sendKeys(ANSWER);
        box.sendKeys(Keys.chord(Keys.CONTROL, Keys.ENTER));
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#done .entry")));
        assertThat(EnglishWords.onPageWithout(driver, INJECTED, "officer")).as("the guest's page").isEmpty();

        // The citizen's page shows the answer without a reload, the question still as text.
        driver.switchTo().window(citizenTab);
        WebElement item = waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#feed .qa")));
        assertThat(driver.executeScript("return window.__sameDocument;")).as("no reload").isEqualTo("yes");
        assertThat(textContent(item.findElement(By.cssSelector(".qa-question")))).isEqualTo("王**：" + QUESTION);
        assertThat(item.findElement(By.cssSelector(".qa-who")).getText()).isEqualTo("承办人员（演示）（市人社局副局长）：");
        assertThat(item.findElement(By.cssSelector(".qa-text")).getText()).isEqualTo(ANSWER);
        assertNothingInjectedOrBlocked("#feed");

        // The administrator ends the event; the citizen's page turns into the transcript.
        driver.switchTo().window(staffTab);
        logIn("admin", "demo-admin-2026");
        driver.get(base.resolve("/admin/interviews").toString());
        waiting().until(ExpectedConditions.elementToBeClickable(By.cssSelector("#events li[data-id='" + id
                + "'] button.end"))).click();
        waiting().until(ExpectedConditions.alertIsPresent()).accept();
        waiting().until(d -> d.findElement(thisEvent).getText().contains("已结束"));

        driver.switchTo().window(citizenTab);
        waiting().until(ExpectedConditions.textToBe(By.id("feed-title"), "文字实录"));
        assertThat(driver.findElement(By.id("ask-form")).isDisplayed()).isFalse();
        driver.navigate().refresh();
        waiting().until(ExpectedConditions.textToBe(By.id("feed-title"), "文字实录"));
        WebElement kept = waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#feed .qa")));
        assertThat(kept.findElement(By.cssSelector(".qa-text")).getText()).isEqualTo(ANSWER);
        assertThat(driver.findElement(By.id("status")).getText()).isEqualTo("已结束");
        assertNothingInjectedOrBlocked("#feed");
    }

    /** A staff member's session over HTTP (the setup of a test whose subject is another page). */
    private record Api(HttpClient client, String csrf) {
        static Api logIn(String username, String password) throws Exception {
            HttpClient c = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
            HttpResponse<String> r = c.send(HttpRequest.newBuilder(base.resolve("/api/v1/login"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                            JSON.createObjectNode().put("username", username).put("password", password).toString()))
                    .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            return new Api(c, JSON.readTree(r.body()).path("csrf").asText());
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

        private static JsonNode ok(HttpResponse<String> r) throws Exception {
            assertThat(r.statusCode()).as(r.body()).isBetween(200, 202);
            return JSON.readTree(r.body());
        }
    }

    /** The id of the demo account with this username among the admin page's pickers ("officers", "moderators"). */
    private static long staffId(Api admin, String list, String username) throws Exception {
        for (JsonNode s : admin.get("/api/v1/admin/interviews").path(list)) {
            if (s.path("username").asText().equals(username)) {
                return s.path("id").asLong();
            }
        }
        throw new AssertionError(username + " is not among the " + list);
    }

    private static String statusOf(long entry) {
        return driver.findElement(By.cssSelector(".entry[data-id='" + entry + "'] .entry-status")).getText();
    }

    @Test
    void rejectingAnAssignedQuestionAsksFirstCanBeUndoneAndTheEntryShowsItsStatus() throws Exception {
        // Set up over the API: a live event with the demo moderator and guest, one question given to
        // the guest, one still queued.
        Api admin = Api.logIn("admin", "demo-admin-2026");
        long officer = staffId(admin, "officers", "officer");
        long id = admin.post("/api/v1/admin/interviews", JSON.createObjectNode().put("title", "公积金政策在线访谈")
                .put("startsAt", "2026-11-26T14:00:00+08:00").put("endsAt", "2026-11-26T16:00:00+08:00")
                .put("moderator", staffId(admin, "moderators", "moderator"))
                .set("guests", JSON.createArrayNode().add(JSON.createObjectNode().put("account", officer)
                        .put("title", "市住房公积金中心主任")))).path("id").asLong();
        admin.post("/api/v1/admin/interviews/" + id + "/start", JSON.createObjectNode());
        Api citizen = new Api(HttpClient.newHttpClient(), "no session");
        JsonNode given = citizen.post("/api/v1/interviews/" + id + "/questions", JSON.createObjectNode()
                .put("question", "小区门口的路灯坏了三个月，谁来修？"));
        JsonNode waiting = citizen.post("/api/v1/interviews/" + id + "/questions", JSON.createObjectNode()
                .put("question", "退休后医保个人账户的钱还能用吗？"));
        assertThat(given.path("outcome").asText()).isEqualTo("queued");
        assertThat(waiting.path("outcome").asText()).isEqualTo("queued");
        long assigned = given.path("questionId").asLong();
        long queued = waiting.path("questionId").asLong();
        admin.post("/api/v1/interviews/" + id + "/questions/" + assigned + "/assign",
                JSON.createObjectNode().put("guest", officer));

        logIn("moderator", "demo-moderator-2026");
        driver.get(base.resolve("/interview/" + id + "/moderate").toString());
        By assignedEntry = By.cssSelector("#assigned .entry[data-id='" + assigned + "']");
        waiting().until(ExpectedConditions.presenceOfElementLocated(assignedEntry));
        assertThat(statusOf(assigned)).isEqualTo("已交给 承办人员（演示）");
        assertThat(statusOf(queued)).isEqualTo("待处理");
        Actions keys = new Actions(driver);
        keys.sendKeys("j").perform();
        waiting().until(d -> d.findElement(assignedEntry).getDomAttribute("class").contains("selected"));

        // x on a question a guest may be answering asks first; Esc keeps it.
        keys.sendKeys("x").perform();
        WebElement confirm = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm-reject")));
        assertThat(confirm.getText()).contains("该问题已交给 承办人员（演示）", "确定拒绝");
        assertThat(driver.switchTo().activeElement().getDomAttribute("id")).isEqualTo("confirm-yes");
        keys.sendKeys(Keys.ESCAPE).perform();
        waiting().until(ExpectedConditions.invisibilityOf(confirm));
        assertThat(driver.switchTo().activeElement().getDomAttribute("data-id")).isEqualTo(String.valueOf(assigned));
        assertThat(admin.get("/api/v1/interviews/" + id + "/queue").toString()).doesNotContain("rejected");

        // x again and Enter: rejected, shown as such, and the undo is offered.
        keys.sendKeys("x").perform();
        waiting().until(ExpectedConditions.visibilityOf(confirm));
        keys.sendKeys(Keys.ENTER).perform();
        By rejectedEntry = By.cssSelector("#other .entry[data-id='" + assigned + "']");
        waiting().until(ExpectedConditions.presenceOfElementLocated(rejectedEntry));
        assertThat(statusOf(assigned)).isEqualTo("已拒绝（原交给 承办人员（演示））");
        WebElement undo = driver.findElement(By.id("undo"));
        assertThat(undo.isDisplayed()).isTrue();
        assertThat(undo.getText()).contains("已拒绝“小区门口的路灯坏了三个月，谁来修？”", "撤销（u）");

        // u gives it back to the guest.
        keys.sendKeys("u").perform();
        waiting().until(ExpectedConditions.presenceOfElementLocated(assignedEntry));
        assertThat(statusOf(assigned)).isEqualTo("已交给 承办人员（演示）");
        assertThat(undo.isDisplayed()).isFalse();
        JsonNode back = admin.get("/api/v1/interviews/" + id + "/queue").path("entries");
        assertThat(back.findValuesAsText("status")).containsExactlyInAnyOrder("assigned", "queued");

        // A queued question is rejected at once, with the undo offered.
        driver.findElement(By.cssSelector(".entry[data-id='" + queued + "']")).click();
        keys.sendKeys(Keys.DELETE).perform();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#other .entry[data-id='" + queued
                + "']")));
        assertThat(statusOf(queued)).isEqualTo("已拒绝");
        assertThat(driver.findElement(By.id("confirm-reject")).isDisplayed()).isFalse();
        assertThat(undo.isDisplayed()).isTrue();
        assertThat(chromium.cspViolations()).isEmpty();
    }

    /** The 职务 boxes of the form leave room to type a title such as 市人社局副局长 (about 7 characters). */
    private static void theGuestTitleBoxesAreUsable() {
        List<WebElement> titles = waiting().until(ExpectedConditions.visibilityOfAllElementsLocatedBy(
                By.cssSelector("#f-guests input[type=text]")));
        long viewport = (Long) driver.executeScript("return document.documentElement.clientWidth;");
        for (WebElement title : titles) {
            assertThat(title.getRect().getWidth()).as(title.getAttribute("aria-label") + " width")
                    .isGreaterThanOrEqualTo(150);
            assertThat(title.getRect().getX() + title.getRect().getWidth()).as("inside the screen")
                    .isLessThanOrEqualTo((int) viewport);
        }
        assertThat((Long) driver.executeScript("return document.documentElement.scrollWidth;"))
                .as("page width (wider means sideways scrolling)").isLessThanOrEqualTo(viewport);
    }

    @Test
    void theInterviewAdminPageHasUsableTitleBoxesAWayBackALogoutAndShowsTheEndAsASuccess() throws Exception {
        Api api = Api.logIn("admin", "demo-admin-2026");
        long id = api.post("/api/v1/admin/interviews", JSON.createObjectNode().put("title", "住房公积金在线访谈")
                .put("startsAt", "2021-05-06T10:00:00+08:00").put("endsAt", "2021-05-06T12:00:00+08:00"))
                .path("id").asLong();
        api.post("/api/v1/admin/interviews/" + id + "/start", JSON.createObjectNode());
        logIn("admin", "demo-admin-2026");
        try {
            driver.manage().window().setSize(new Dimension(1280, 900));
            driver.get(base.resolve("/admin/interviews").toString());
            theGuestTitleBoxesAreUsable();
            driver.manage().window().setSize(PHONE);
            driver.navigate().refresh();
            theGuestTitleBoxesAreUsable();
        } finally {
            driver.manage().window().setSize(new Dimension(1280, 900));
        }

        WebElement back = driver.findElement(By.linkText("返回管理后台"));
        assertThat(back.getAttribute("href")).isEqualTo(base.resolve("/admin").toString());

        waiting().until(ExpectedConditions.elementToBeClickable(By.cssSelector("#events li[data-id='" + id
                + "'] button.end"))).click();
        waiting().until(ExpectedConditions.alertIsPresent()).accept();
        WebElement status = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("status")));
        assertThat(status.getText()).contains("个未回答的问题已转为工单");
        assertThat(status.getAttribute("role")).isEqualTo("status");
        assertThat(status.getCssValue("color")).as("not the red of errors")
                .isNotEqualTo(driver.findElement(By.id("error")).getCssValue("color"));
        assertThat(driver.findElement(By.id("error")).isDisplayed()).isFalse();

        driver.findElement(By.id("logout")).click();
        waiting().until(ExpectedConditions.urlToBe(base.resolve("/login").toString()));
        driver.get(base.resolve("/admin/interviews").toString());
        waiting().until(ExpectedConditions.urlContains("/login"));
    }

    /**
     * Presses the header's 退出登录 with the keyboard (Tab until it has the focus, then Enter), waits
     * for the login page, and checks that the session cookie the page had is refused afterwards by
     * {@code staffApi}.
     */
    private static void logOutWithTheKeyboard(String staffApi) throws Exception {
        String cookie = driver.manage().getCookieNamed("wz_session").getValue();
        assertThat(staffGetWithCookie(staffApi, cookie)).as("the session works before the logout").isEqualTo(200);
        WebElement logout = waiting().until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("header #logout")));
        assertThat(logout.getText()).isEqualTo("退出登录");
        assertThat(logout.getTagName()).isEqualTo("button");
        driver.executeScript("document.activeElement && document.activeElement.blur();");
        Actions keys = new Actions(driver);
        for (int i = 0; i < 10 && !"logout".equals(driver.switchTo().activeElement().getDomAttribute("id")); i++) {
            keys.sendKeys(Keys.TAB).perform();
        }
        assertThat(driver.switchTo().activeElement().getDomAttribute("id")).as("reached with Tab").isEqualTo("logout");
        assertThat(logout.getCssValue("outline-style")).as("visible focus").isNotEqualTo("none");
        keys.sendKeys(Keys.ENTER).perform();
        waiting().until(ExpectedConditions.urlToBe(base.resolve("/login").toString()));
        assertThat(staffGetWithCookie(staffApi, cookie)).as("the old cookie after the logout").isEqualTo(401);
    }

    private static int staffGetWithCookie(String path, String session) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve(path))
                .header("Cookie", "wz_session=" + session).GET().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void theModeratorAndTheGuestLogOutFromTheirPagesWithTheKeyboardAndTheSessionEnds() throws Exception {
        Api admin = Api.logIn("admin", "demo-admin-2026");
        long officer = staffId(admin, "officers", "officer");
        long id = admin.post("/api/v1/admin/interviews", JSON.createObjectNode().put("title", "就业政策在线访谈")
                .put("startsAt", "2026-11-28T10:00:00+08:00").put("endsAt", "2026-11-28T12:00:00+08:00")
                .put("moderator", staffId(admin, "moderators", "moderator"))
                .set("guests", JSON.createArrayNode().add(JSON.createObjectNode().put("account", officer)
                        .put("title", "市人社局就业处处长")))).path("id").asLong();
        admin.post("/api/v1/admin/interviews/" + id + "/start", JSON.createObjectNode());

        logIn("moderator", "demo-moderator-2026");
        driver.get(base.resolve("/interview/" + id + "/moderate").toString());
        waiting().until(ExpectedConditions.textToBe(By.id("title"), "就业政策在线访谈"));
        logOutWithTheKeyboard("/api/v1/interviews/" + id + "/queue");

        logIn("officer", "demo-officer-2026");
        driver.get(base.resolve("/interview/" + id + "/guest").toString());
        waiting().until(ExpectedConditions.textToBe(By.id("title"), "就业政策在线访谈"));
        logOutWithTheKeyboard("/api/v1/interviews/" + id + "/assigned");
        assertThat(chromium.cspViolations()).isEmpty();
    }

    /**
     * The header of the moderator's and the guest's pages says whether the event is on. It shared its
     * id with the administrator page's success line, which every error message clears and hides: an
     * error on these pages hid the event's status for good.
     */
    @Test
    void anErrorOnTheModeratorAndGuestPagesLeavesTheEventsStatusInTheHeader() throws Exception {
        Api admin = Api.logIn("admin", "demo-admin-2026");
        long officer = staffId(admin, "officers", "officer");
        long id = admin.post("/api/v1/admin/interviews", JSON.createObjectNode().put("title", "医保政策在线访谈")
                .put("startsAt", "2026-11-29T10:00:00+08:00").put("endsAt", "2026-11-29T12:00:00+08:00")
                .put("moderator", staffId(admin, "moderators", "moderator"))
                .set("guests", JSON.createArrayNode().add(JSON.createObjectNode().put("account", officer)
                        .put("title", "市医保局副局长")))).path("id").asLong();
        admin.post("/api/v1/admin/interviews/" + id + "/start", JSON.createObjectNode());

        for (List<String> page : List.of(List.of("moderator", "demo-moderator-2026", "moderate"),
                List.of("officer", "demo-officer-2026", "guest"))) {
            logIn(page.get(0), page.get(1));
            driver.get(base.resolve("/interview/" + id + "/" + page.get(2)).toString());
            WebElement status = waiting().until(ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector("header #event-status")));
            waiting().until(ExpectedConditions.textToBePresentInElement(status, "进行中"));
            // The network fails the logout: the page stays and says so.
            driver.executeCdpCommand("Network.enable", java.util.Map.of());
            driver.executeCdpCommand("Network.setBlockedURLs", java.util.Map.of("urls", List.of("*/api/v1/logout")));
            try {
                driver.findElement(By.id("logout")).click();
                WebElement error = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("error")));
                // In Chinese, not the browser's "Failed to fetch".
                assertThat(error.getText()).as(page.get(2)).isEqualTo("退出登录失败：网络连接失败，请检查网络后重试");
                assertThat(status.isDisplayed()).as("the header's status beside the error on " + page.get(2)).isTrue();
                assertThat(status.getText()).as(page.get(2)).isEqualTo("进行中");
            } finally {
                driver.executeCdpCommand("Network.setBlockedURLs", java.util.Map.of("urls", List.of()));
                driver.executeCdpCommand("Network.disable", java.util.Map.of());
            }
        }
    }

    @Test
    void anAnswerAfterTheEventIsShownInTheTranscriptAsSuchUnderItsDepartment() throws Exception {
        // Set up over the API: an ended event (started long ago, listed after the other test's)
        // whose one question nobody answered became a ticket, answered by staff.
        Api admin = Api.logIn("admin", "demo-admin-2026");
        long id = admin.post("/api/v1/admin/interviews", JSON.createObjectNode().put("title", "医保政策在线访谈")
                .put("startsAt", "2020-03-02T10:00:00+08:00").put("endsAt", "2020-03-02T12:00:00+08:00"))
                .path("id").asLong();
        JsonNode asked = new Api(HttpClient.newHttpClient(), "no session").post("/api/v1/interviews/" + id
                + "/questions", JSON.createObjectNode().put("question", LATER_QUESTION));
        assertThat(asked.path("outcome").asText()).as("the bot cannot answer it").isEqualTo("queued");
        assertThat(admin.post("/api/v1/admin/interviews/" + id + "/end", JSON.createObjectNode())
                .path("escalated").asInt()).isEqualTo(1);
        String code = admin.get("/api/v1/interviews/" + id + "/queue").path("entries").get(0).path("ticketCode")
                .asText();
        String department = admin.get("/api/v1/staff/tickets/" + code).path("ticket").path("departmentName").asText();
        admin.post("/api/v1/staff/tickets/" + code + "/answer", JSON.createObjectNode().put("answer", LATER_ANSWER));

        // A citizen opens the transcript.
        driver.get(base.resolve("/interview/" + id).toString());
        WebElement item = waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#feed .qa")));
        assertThat(driver.findElement(By.id("feed-title")).getText()).isEqualTo("文字实录");
        assertThat(item.getDomAttribute("class")).contains("qa-later");
        assertThat(textContent(item.findElement(By.cssSelector(".qa-question"))))
                .isEqualTo("网友：" + INJECTED + "退休后医保个人账户的钱还能用吗？我的手机138****5678");
        assertThat(item.findElement(By.cssSelector(".qa-later-label")).getText()).isEqualTo("会后答复");
        assertThat(item.findElement(By.cssSelector(".qa-department")).getText()).isEqualTo(department)
                .isNotBlank().doesNotContain("管理员");
        WebElement date = item.findElement(By.cssSelector("time.qa-date"));
        assertThat(date.getText()).matches("\\d{4}年\\d{1,2}月\\d{1,2}日");
        assertThat(java.time.Instant.parse(date.getDomAttribute("datetime"))).isCloseTo(java.time.Instant.now(),
                org.assertj.core.api.Assertions.within(10, java.time.temporal.ChronoUnit.MINUTES));
        assertThat(textContent(item.findElement(By.cssSelector(".qa-text"))))
                .isEqualTo("<b onmouseover=\"window.__pwned=3\">可以</b>，个人账户余额继续使用。经办人电话139****1111");
        assertNothingInjectedOrBlocked("#feed");
        assertThat(driver.findElements(By.cssSelector("#feed b"))).isEmpty();

        // The moderator's page (an administrator's here) lists it with its department.
        logIn("admin", "demo-admin-2026");
        driver.get(base.resolve("/interview/" + id + "/moderate").toString());
        WebElement later = waiting().until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#later .entry")));
        assertThat(later.findElement(By.cssSelector(".qa-who")).getText()).startsWith("会后答复 · " + department);
        assertThat(later.getText()).contains("工单 " + code);
        assertThat(driver.findElement(By.id("n-later")).getText()).isEqualTo("（1）");
        assertNothingInjectedOrBlocked("#later");
    }
}
