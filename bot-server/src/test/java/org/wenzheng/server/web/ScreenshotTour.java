package org.wenzheng.server.web;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.wenzheng.app.Assembly;
import org.wenzheng.app.RepoRoot;
import org.wenzheng.app.config.AppConfig;
import org.wenzheng.knowledge.KnowledgeConfig;
import org.wenzheng.knowledge.engine.KnowledgeBases;
import org.wenzheng.server.admin.AdminFeature;
import org.wenzheng.server.chat.SwappableKnowledgeBase;
import org.wenzheng.server.db.Database;
import org.wenzheng.server.netty.ServerConfig;
import org.wenzheng.server.netty.WenzhengServer;

/**
 * Not a test but a tour: every persona's page as {@code wenzheng serve} shows it with the shipped
 * configuration and sample knowledge base, saved as PNG files for a person to look at (before and
 * after a change to the pages). Tagged {@code screenshots} and left out of {@code mvn verify}; run
 * it with {@code -Dgroups=screenshots -Dtest=ScreenshotTour}. The files go to the folder named by
 * the system property {@code screenshots.dir} (default {@code bot-server/target/screenshots}).
 *
 * <p>Self-contained on purpose (no helper beyond {@link HeadlessChromium}), so the same file can be
 * copied onto an older commit to take the "before" set.
 */
@Tag("screenshots")
class ScreenshotTour {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Dimension DESKTOP = new Dimension(1280, 900);
    private static final Dimension PHONE = new Dimension(390, 844);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path data;
    @TempDir
    static Path profile;

    private static HeadlessChromium chromium;
    private static ChromeDriver driver;
    private static WenzhengServer server;
    private static URI base;
    private static Path out;

    @BeforeAll
    static void startServerAndBrowser() throws IOException {
        String dir = System.getProperty("screenshots.dir");
        out = dir == null || dir.isBlank()
                ? RepoRoot.find().resolve("bot-server/target/screenshots")
                : Path.of(dir).toAbsolutePath();
        Files.createDirectories(out);
        chromium = HeadlessChromium.start(profile);
        driver = chromium.driver();

        // What `wenzheng serve` runs, over the test's data folder, on a free port.
        AppConfig app = AppConfig.load(RepoRoot.find().resolve("config/wenzheng.yaml"), "config/wenzheng.yaml",
                Optional.of(data));
        Files.createDirectories(app.admin().uploadsDir());
        KnowledgeConfig k = AdminFeature.withSource(app.knowledgeConfig(), app.admin().uploadsDir());
        KnowledgeBases.index(k, progress -> { }, false);
        ServerConfig config = app.server().withPort(0);
        server = Assembly.of(app, config, app.mail().withPorts(freePort(), freePort()), app.metrics(), app.cluster(),
                Database.open(app.database()), new SwappableKnowledgeBase(KnowledgeBases.open(k)),
                name -> Optional.empty(), Clock.systemUTC()).server();
        base = URI.create("http://127.0.0.1:" + server.start().getPort() + "/");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @AfterAll
    static void stop() {
        try {
            if (chromium != null) {
                chromium.close();
            }
        } finally {
            if (server != null) {
                server.stop();
            }
        }
    }

    @Test
    void everyPersonasPage() throws Exception {
        // Something for the desk and the reports to show: two citizens' tickets and answered questions.
        post("/api/v1/ask", JSON.createObjectNode().put("question", "如何申请政府信息公开？").toString(), 200);
        post("/api/v1/ask", JSON.createObjectNode().put("question", "社保怎么转移").toString(), 200);
        post("/api/v1/tickets", JSON.createObjectNode().put("question", "我家楼下的路灯坏了好几天了找谁修")
                .put("channel", "web").toString(), 201);
        post("/api/v1/tickets", JSON.createObjectNode().put("question", "小区门口的垃圾几天没人清运")
                .put("channel", "web").toString(), 201);

        chat(DESKTOP, "chat-desktop");
        chat(PHONE, "chat-phone");

        viewport(DESKTOP);
        driver.get(base.resolve("/track").toString());
        awaitLoaded();
        shot("track");

        chromium.forgetLogin(base);
        driver.get(base.resolve("/login").toString());
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.elementToBeClickable(By.id("username")));
        shot("login");

        chromium.logIn(base, "admin", "demo-admin-2026", "/admin", WAIT);
        adminTab("tickets", "#tickets-table tbody tr");
        shot("admin-tickets");
        adminTab("documents", "#uploads-table");
        new WebDriverWait(driver, WAIT).until(d -> !d.findElement(By.id("index-stats")).getText().isBlank());
        shot("admin-documents");
        adminTab("reports", "#report table");
        shot("admin-reports");

        chromium.logIn(base, "operator", "demo-operator-2026", "/console", WAIT);
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.textToBe(By.id("link-state"), "来电推送已连接"));
        shot("console");
    }

    /** The citizen chat at this size after asking the question the sample answers best. */
    private static void chat(Dimension size, String name) throws IOException {
        viewport(size);
        driver.get(base.toString());
        driver.executeScript("sessionStorage.clear(); localStorage.clear();");
        driver.navigate().refresh();
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.elementToBeClickable(By.id("question")));
        int before = replies().size();
        WebElement input = driver.findElement(By.id("question"));
        input.sendKeys("如何申请政府信息公开？");
        input.sendKeys(Keys.ENTER);
        new WebDriverWait(driver, WAIT).until(d -> replies().size() > before
                && d.findElements(By.cssSelector("#conversation .pending")).isEmpty());
        shot(name);
    }

    /**
     * Sizes the window so that the page itself gets {@code size}: a window's size includes the
     * browser's own bars, which the shots leave out.
     */
    private static void viewport(Dimension size) {
        driver.manage().window().setSize(size);
        List<?> inner = (List<?>) driver.executeScript("return [window.innerWidth, window.innerHeight];");
        int dw = size.getWidth() - ((Number) inner.get(0)).intValue();
        int dh = size.getHeight() - ((Number) inner.get(1)).intValue();
        driver.manage().window().setSize(new Dimension(size.getWidth() + dw, size.getHeight() + dh));
    }

    private static List<WebElement> replies() {
        return driver.findElements(By.cssSelector("#conversation .message.bot:not(.pending)"));
    }

    /** Opens an /admin section by its link, as a person would, and waits until it shows {@code css}. */
    private static void adminTab(String section, String css) {
        driver.findElement(By.cssSelector("a[href='#" + section + "']")).click();
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id(section)));
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(css)));
        // Scrolled to the top, so each shot shows the page's header with the section.
        driver.executeScript("window.scrollTo(0, 0);");
    }

    private static void awaitLoaded() {
        new WebDriverWait(driver, WAIT).until(d -> "complete".equals(
                ((ChromeDriver) d).executeScript("return document.readyState;")));
    }

    /** Saves what the window shows now as {@code name.png}, after the fonts have loaded. */
    private static void shot(String name) throws IOException {
        awaitLoaded();
        new WebDriverWait(driver, WAIT).until(d -> Boolean.TRUE.equals(
                ((ChromeDriver) d).executeScript("return document.fonts.status === 'loaded';")));
        Path png = driver.getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(png, out.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    private static void post(String path, String body, int status) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(status);
    }
}
