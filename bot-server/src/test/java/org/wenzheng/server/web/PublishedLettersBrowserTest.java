package org.wenzheng.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.wenzheng.app.Assembly;
import org.wenzheng.app.config.AppConfig;
import org.wenzheng.knowledge.KnowledgeConfig;
import org.wenzheng.knowledge.engine.KnowledgeBases;
import org.wenzheng.server.admin.AdminFeature;
import org.wenzheng.server.chat.SwappableKnowledgeBase;
import org.wenzheng.server.db.Database;
import org.wenzheng.server.netty.ServerConfig;
import org.wenzheng.server.netty.WenzhengServer;

/**
 * 信件公开 in real headless Chromium against the real server with the sample mailboxes: on a 390 px
 * phone, /letters/public lists the published letters ten a page, masked, with the answering
 * department and date, searchable, never the unpublished one; on /admin an administrator sees the
 * masked text beside the original, edits it and publishes with the keyboard.
 */
@BrowserTest
class PublishedLettersBrowserTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final Dimension PHONE = new Dimension(390, 844);
    private static final Dimension DESKTOP = new Dimension(1280, 900);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN_API = "/api/v1/admin/letters/publication";

    @TempDir
    static Path data;
    @TempDir
    static Path profile;

    private static HeadlessChromium chromium;
    private static ChromeDriver driver;
    private static WenzhengServer server;
    private static URI base;
    private static HttpClient admin;
    private static String csrf;
    private static String unpublished;
    private static String forTheAdmin;

    @BeforeAll
    static void startServerAndBrowser() throws Exception {
        chromium = HeadlessChromium.start(profile);
        driver = chromium.driver();
        AppConfig app = SampleSite.config(data);
        Files.createDirectories(app.admin().uploadsDir());
        KnowledgeConfig k = AdminFeature.withSource(app.knowledgeConfig(), app.admin().uploadsDir());
        KnowledgeBases.index(k, progress -> { }, false);
        ServerConfig config = app.server().withPort(0).withRateLimit(new ServerConfig.RateLimit(100_000, 10_000));
        server = Assembly.builder(config, new SwappableKnowledgeBase(KnowledgeBases.open(k)),
                Database.open(app.database())).admin(app.admin(), k).staff(app.staff().withLoginRateLimit(new ServerConfig.RateLimit(1_000, 100)))
                .tickets(app.tickets().orElseThrow(), app.deadlines())
                .letters(app.letters().withCreateRateLimit(new ServerConfig.RateLimit(10_000, 10_000)))
                .build().server();
        base = URI.create("http://127.0.0.1:" + server.start().getPort() + "/");
        admin = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        csrf = send(admin, "/api/v1/login", JSON.createObjectNode().put("username", "admin")
                .put("password", "demo-admin-2026")).path("csrf").asText();
        // Eleven published (two pages), one answered and never published, one left for the admin test.
        for (int i = 1; i <= 11; i++) {
            String code = answered("第" + i + "号公开来信：路段" + i + "积水", "我叫王小明，电话13812345678，人民路" + i
                    + "号门前下雨积水。", "王小明");
            JsonNode offered = offered(code);
            send(admin, ADMIN_API + "/" + code + "/publish", JSON.createObjectNode()
                    .put("title", offered.path("masked").path("title").asText())
                    .put("content", offered.path("masked").path("content").asText())
                    .put("answer", offered.path("masked").path("answer").asText()));
        }
        unpublished = answered("未公开的来信标题", "这封信已答复但没有公开。", null);
        forTheAdmin = answered("垃圾清运不及时", "我是业主刘芳，阳光花园小区5栋1203室门口垃圾三天没人清运。", "刘芳");
    }

    @AfterAll
    static void stop() {
        HeadlessChromium.closeThenStop(chromium, server);
    }

    private static JsonNode send(HttpClient client, String path, JsonNode body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        if (csrf != null) {
            b.header("X-CSRF-Token", csrf);
        }
        HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(r.statusCode()).as(path + " " + r.body()).isBetween(200, 201);
        return JSON.readTree(r.body());
    }

    private static String answered(String title, String content, String name) throws Exception {
        ObjectNode letter = JSON.createObjectNode().put("mailbox", "mayor").put("type", "consultation")
                .put("title", title).put("content", content).put("publish", true);
        if (name != null) {
            letter.put("name", name);
        }
        String code = send(HttpClient.newHttpClient(), "/api/v1/letters", letter).path("code").asText();
        send(admin, "/api/v1/staff/tickets/" + code + "/answer", JSON.createObjectNode().put("answer",
                "已安排排水管理处处理，感谢您的来信。"));
        return code;
    }

    private static JsonNode offered(String code) throws Exception {
        HttpResponse<String> r = admin.send(HttpRequest.newBuilder(base.resolve(ADMIN_API)).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        for (JsonNode l : JSON.readTree(r.body()).path("letters")) {
            if (l.path("code").asText().equals(code)) {
                return l;
            }
        }
        throw new AssertionError(code + " is not offered: " + r.body());
    }

    private static List<WebElement> letters() {
        return driver.findElements(By.cssSelector("#public-list .public-letter"));
    }

    @Test
    void onAPhoneTheCitizenReadsSearchesAndPagesThePublishedLettersMaskedAndNothingElse() {
        driver.manage().window().setSize(PHONE);
        driver.get(base.resolve("letters/public").toString());
        WebDriverWait wait = new WebDriverWait(driver, WAIT);
        wait.until(d -> letters().size() == 10);
        assertThat(driver.findElement(By.id("public-status")).getText()).isEqualTo("共 11 封公开信件");
        assertThat(driver.findElement(By.id("public-page")).getText()).isEqualTo("第 1 / 2 页");
        String page = driver.findElement(By.id("public-list")).getText();
        assertThat(page).contains("××", "下雨积水", "答复（", "已安排排水管理处处理")
                .doesNotContain("王小明", "13812345678", "未公开的来信标题", "垃圾清运不及时");
        assertThat(letters().get(0).getText()).containsPattern("\\d{4}-\\d{2}-\\d{2} 答复");
        // Fits the phone: no sideways scrolling, every control labelled and at least 44 px high.
        assertThat((Boolean) driver.executeScript(
                "return document.documentElement.scrollWidth <= window.innerWidth;")).isTrue();
        for (String id : List.of("public-q", "public-mailbox", "public-type", "public-month")) {
            WebElement control = driver.findElement(By.id(id));
            assertThat(driver.findElements(By.cssSelector("label[for='" + id + "']"))).as(id).hasSize(1);
            assertThat(control.getSize().getHeight()).as(id).isGreaterThanOrEqualTo(44);
        }
        for (String id : List.of("public-search", "public-prev", "public-next")) {
            assertThat(driver.findElement(By.id(id)).getSize().getHeight()).as(id).isGreaterThanOrEqualTo(44);
        }
        assertThat(EnglishWords.onPage(driver)).isEmpty();

        driver.findElement(By.id("public-next")).click();
        wait.until(d -> d.findElement(By.id("public-page")).getText().equals("第 2 / 2 页"));
        assertThat(letters()).hasSize(1);
        assertThat(driver.findElement(By.id("public-next")).isEnabled()).isFalse();

        WebElement search = driver.findElement(By.id("public-q"));
        search.sendKeys("路段7积水", Keys.ENTER);
        wait.until(d -> d.findElement(By.id("public-status")).getText().equals("共 1 封公开信件"));
        assertThat(letters()).hasSize(1);
        assertThat(letters().get(0).getText()).contains("第7号公开来信");
        search.clear();
        search.sendKeys("未公开", Keys.ENTER);
        wait.until(d -> d.findElement(By.id("public-status")).getText().equals("没有找到公开的信件。"));
        assertThat(letters()).isEmpty();
        assertThat(driver.getPageSource()).doesNotContain(unpublished);
    }

    @Test
    void anAdministratorReviewsTheMaskedTextBesideTheOriginalEditsAndPublishesByKeyboard() {
        driver.manage().window().setSize(DESKTOP);
        chromium.logIn(base, "admin", "demo-admin-2026", "/admin", WAIT);
        driver.get(base.resolve("admin#publication").toString());
        WebDriverWait wait = new WebDriverWait(driver, WAIT);
        By card = By.xpath("//article[contains(@class,'publication')][.//p[contains(.,'" + forTheAdmin + "')]]");
        wait.withMessage(() -> "no review of " + forTheAdmin + " on /admin: " + driver.findElement(By.tagName("main"))
                .getText()).until(d -> !d.findElements(card).isEmpty());
        WebElement review = driver.findElement(card);
        assertThat(review.findElements(By.className("publication-original")).get(1).getText()).contains("刘芳",
                "5栋1203室");
        WebElement content = driver.findElement(By.id("pub-" + forTheAdmin + "-content"));
        assertThat(content.getAttribute("value")).doesNotContain("刘芳", "1203").contains("××", "垃圾三天没人清运");
        WebElement answer = driver.findElement(By.id("pub-" + forTheAdmin + "-answer"));
        answer.clear();
        answer.sendKeys("已督促物业每日清运。");
        WebElement publish = review.findElement(By.xpath(".//button[.='公开']"));
        // Keyboard: from the answer field, Tab reaches 公开 and Enter presses it.
        answer.sendKeys(Keys.TAB);
        assertThat(driver.switchTo().activeElement()).isEqualTo(publish);
        driver.switchTo().activeElement().sendKeys(Keys.ENTER);
        wait.until(d -> d.findElement(By.id("notice")).getText().contains("已公开"));
        WebElement now = driver.findElement(card);
        assertThat(now.findElement(By.className("publication-facts")).getText()).contains("已公开", "admin");
        assertThat(now.findElements(By.xpath(".//button[.='撤回']"))).hasSize(1);

        driver.get(base.resolve("letters/public?").toString());
        driver.findElement(By.id("public-q")).sendKeys("垃圾清运", Keys.ENTER);
        wait.until(d -> d.findElement(By.id("public-status")).getText().equals("共 1 封公开信件"));
        assertThat(letters().get(0).getText()).contains("已督促物业每日清运。").doesNotContain("刘芳");
    }
}
