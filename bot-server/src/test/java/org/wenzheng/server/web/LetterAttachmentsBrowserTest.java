package org.wenzheng.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.wenzheng.app.Assembly;
import org.wenzheng.app.RepoRoot;
import org.wenzheng.app.config.AppConfig;
import org.wenzheng.knowledge.engine.KnowledgeBases;
import org.wenzheng.knowledge.KnowledgeConfig;
import org.wenzheng.server.admin.AdminConfig;
import org.wenzheng.server.admin.AdminFeature;
import org.wenzheng.server.chat.SwappableKnowledgeBase;
import org.wenzheng.server.db.Database;
import org.wenzheng.server.netty.ServerConfig;
import org.wenzheng.server.netty.WenzhengServer;

/**
 * Attachments and 补充 in real headless Chromium on a 390 px phone against the real server with the
 * shipped configuration: the letter form shows the limits, refuses a file over them before sending,
 * sends the chosen files with the letter; /track, opened from the letter's link, lists them and
 * takes a 补充 while the letter is open; on /admin the letter's files are download links.
 */
@BrowserTest
class LetterAttachmentsBrowserTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final Dimension PHONE = new Dimension(390, 844);

    @TempDir
    static Path data;
    @TempDir
    static Path profile;
    @TempDir
    static Path files;

    private static HeadlessChromium chromium;
    private static ChromeDriver driver;
    private static WenzhengServer server;
    private static URI base;

    @BeforeAll
    static void startServerAndBrowser() throws IOException {
        chromium = HeadlessChromium.start(profile);
        driver = chromium.driver();
        AppConfig app = AppConfig.load(RepoRoot.find().resolve("config/wenzheng.yaml"), "config/wenzheng.yaml",
                Optional.of(data));
        ServerConfig.RateLimit many = new ServerConfig.RateLimit(10_000, 10_000);
        AdminConfig admin = app.admin();
        Files.createDirectories(admin.uploadsDir());
        KnowledgeConfig k = AdminFeature.withSource(app.knowledgeConfig(), admin.uploadsDir());
        KnowledgeBases.index(k, progress -> { }, false);
        server = Assembly.builder(app.server().withPort(0).withRateLimit(new ServerConfig.RateLimit(100_000, 10_000)),
                        new SwappableKnowledgeBase(KnowledgeBases.open(k)), Database.open(app.database()))
                .staff(app.staff().withLoginRateLimit(many)).admin(admin, k)
                .tickets(app.tickets().orElseThrow(), app.deadlines())
                .letters(app.letters().withCreateRateLimit(many))
                .build().server();
        base = URI.create("http://127.0.0.1:" + server.start().getPort() + "/");
    }

    @AfterAll
    static void stop() {
        HeadlessChromium.closeThenStop(chromium, server);
    }

    private static Path file(String name, byte[] bytes) throws IOException {
        return Files.write(files.resolve(name), bytes);
    }

    private static WebElement waitFor(By by) {
        return new WebDriverWait(driver, WAIT).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    @Test
    void onAPhoneACitizenSendsALetterWithFilesAndAddsToItOnTheTrackPage() throws IOException {
        Path photo = file("现场照片.png", new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 1, 2, 3});
        Path scan = file("申请表.pdf", "%PDF-1.4\n%%EOF\n".getBytes(StandardCharsets.US_ASCII));
        Path huge = file("大照片.png", new byte[6 * 1024 * 1024]);
        driver.manage().window().setSize(PHONE);
        driver.get(base.resolve("letters?mailbox=director").toString());
        WebElement picker = new WebDriverWait(driver, WAIT)
                .until(ExpectedConditions.presenceOfElementLocated(By.id("letter-files")));
        new WebDriverWait(driver, WAIT).until(d -> !d.findElement(By.id("letter-files-help")).getText().isEmpty());
        assertThat(driver.findElement(By.id("letter-files-help")).getText())
                .contains("JPEG、PNG、PDF").contains("最多 5 个").contains("5.0 MB").contains("10.0 MB");
        assertThat(picker.getAttribute("accept")).isEqualTo("image/jpeg,image/png,application/pdf");
        assertThat(driver.findElement(By.cssSelector("label[for='letter-files']")).getText()).isNotBlank();

        driver.findElement(By.id("letter-title")).sendKeys("窗口办事需要哪些材料");
        driver.findElement(By.id("letter-content")).sendKeys("请问办理政府信息公开申请要带哪些材料？照片和申请表见附件。");
        // Too large: said at once, naming the file, and nothing is sent.
        picker.sendKeys(huge.toString());
        new WebDriverWait(driver, WAIT).until(d -> d.findElement(By.id("letter-error")).getText().contains("大照片.png"));
        driver.findElement(By.id("letter-submit")).click();
        assertThat(driver.findElement(By.id("letter-result")).isDisplayed()).isFalse();

        picker.clear();
        picker.sendKeys(photo + "\n" + scan);
        assertThat(driver.findElement(By.id("letter-files-list")).getText()).contains("现场照片.png").contains("申请表.pdf");
        driver.findElement(By.id("letter-submit")).click();
        WebElement result = waitFor(By.id("letter-result"));
        assertThat(result.findElement(By.className("ticket-code")).getText()).matches("WZ-\\d{8}-\\d{4}");
        assertThat((Boolean) driver.executeScript(
                "return document.documentElement.scrollWidth <= window.innerWidth;")).isTrue();

        result.findElement(By.className("letter-track")).click();
        WebElement shown = waitFor(By.className("ticket-attachments"));
        assertThat(shown.getText()).contains("现场照片.png").contains("申请表.pdf");
        WebElement text = waitFor(By.id("supplement-text"));
        assertThat(driver.findElement(By.cssSelector("label[for='supplement-text']")).getText()).isNotBlank();
        text.sendKeys("补充：窗口编号是 3 号。");
        driver.findElement(By.id("supplement-files")).sendKeys(scan.toString());
        driver.findElement(By.id("supplement-submit")).click();
        WebElement added = waitFor(By.className("ticket-additions"));
        assertThat(added.getText()).contains("补充：窗口编号是 3 号。");
        assertThat(driver.findElement(By.className("ticket-attachments")).findElements(By.tagName("li")))
                .hasSize(3);
        assertThat((Boolean) driver.executeScript(
                "return document.documentElement.scrollWidth <= window.innerWidth;")).isTrue();
        for (String id : List.of("supplement-submit", "letter-files")) {
            if (!driver.findElements(By.id(id)).isEmpty()) {
                assertThat(driver.findElement(By.id(id)).getSize().getHeight()).as(id).isGreaterThanOrEqualTo(44);
            }
        }
    }

    @Test
    void onTheAdminPageALettersFilesAreDownloadLinks() throws Exception {
        String png = java.util.Base64.getEncoder().encodeToString(
                new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 9, 9});
        String body = "{\"mailbox\":\"director\",\"title\":\"附件链接\",\"content\":\"请看附件里的照片。\","
                + "\"attachments\":[{\"name\":\"门口照片.png\",\"data\":\"" + png + "\"}]}";
        java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(base.resolve("/api/v1/letters"))
                        .header("Content-Type", "application/json")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        String code = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body()).path("code").asText();

        driver.manage().window().setSize(new Dimension(1280, 900));
        chromium.logIn(base, "admin", "demo-admin-2026", "/admin", WAIT);
        driver.get(base.resolve("/admin#tickets/" + code).toString());
        WebElement link = waitFor(By.cssSelector("#ticket-attachments a"));
        assertThat(link.getText()).isEqualTo("门口照片.png");
        assertThat(link.getAttribute("download")).isEqualTo("门口照片.png");
        assertThat(link.getAttribute("href")).contains("/api/v1/staff/letters/" + code + "/attachments/");
        // The link reaches the file in the staff's session.
        Object status = driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "fetch(arguments[0]).then((x) => done(x.status + ' ' + x.headers.get('Content-Disposition')))",
                link.getAttribute("href"));
        assertThat(String.valueOf(status)).startsWith("200 attachment;");
    }
}
