package org.wenzheng.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.results.CheckedNode;
import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.wenzheng.app.config.AppConfig;
import org.wenzheng.server.chat.ChatConfig;
import org.wenzheng.server.netty.WenzhengServer;

/**
 * The citizen pages checked by axe-core (Deque's rules, WCAG 2.0 and 2.1, levels A and AA) in real
 * headless Chromium against the real server with the sample site: the chat page with an answer and
 * its citation, and with the hand-off form open after an unsure answer; 办件查询 (/track); the staff
 * login. Each at a desktop window and a 390 px phone, where the layout (and so contrast over the
 * backgrounds) differs.
 */
@BrowserTest
class AccessibilityBrowserTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final Dimension DESKTOP = new Dimension(1280, 900);
    private static final Dimension PHONE = new Dimension(390, 844);
    private static final List<Dimension> WINDOWS = List.of(DESKTOP, PHONE);
    private static final List<String> WCAG = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");
    /** Rules not yet met, each with its reason; empty when every rule is checked. */
    private static final Set<String> NOT_YET = Set.of();

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
        server = SampleSite.builder(app).chat(ChatConfig.DEFAULTS).staff(app.staff())
                .tickets(app.tickets().orElseThrow(), app.deadlines()).build().server();
        base = URI.create("http://127.0.0.1:" + server.start().getPort() + "/");
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

    /** Opens {@code path} at {@code window} as a new visitor and waits for {@code ready} to be clickable. */
    private static void open(Dimension window, String path, String ready) {
        driver.manage().window().setSize(window);
        driver.get(base.resolve(path).toString());
        driver.executeScript("localStorage.clear(); sessionStorage.clear();");
        driver.navigate().refresh();
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.elementToBeClickable(By.id(ready)));
    }

    /** Asks on the chat page as a citizen does and returns the bot's reply. */
    private static WebElement ask(String question) {
        By replies = By.cssSelector("#conversation .message.bot:not(.pending)");
        int before = driver.findElements(replies).size();
        WebElement input = driver.findElement(By.id("question"));
        input.sendKeys(question, Keys.ENTER);
        new WebDriverWait(driver, WAIT).until(d -> d.findElements(replies).size() > before
                && d.findElements(By.cssSelector("#conversation .pending")).isEmpty());
        List<WebElement> all = driver.findElements(replies);
        return all.get(all.size() - 1);
    }

    /** axe's violations on the current document, one line per rule with its impact and nodes. */
    private static List<String> violations(String page, Dimension window) {
        Results results = new AxeBuilder().withTags(WCAG).analyze(driver);
        assertThat(results.isErrored()).as("axe ran on " + page).isFalse();
        List<String> out = new ArrayList<>();
        for (Rule rule : results.getViolations()) {
            if (NOT_YET.contains(rule.getId())) {
                continue;
            }
            StringBuilder line = new StringBuilder(page + " @" + window.width + "px: " + rule.getId()
                    + " (" + rule.getImpact() + ") " + rule.getHelp());
            for (CheckedNode node : rule.getNodes()) {
                line.append("\n    ").append(node.getTarget()).append(' ').append(node.getFailureSummary()
                        .replace('\n', ' '));
            }
            out.add(line.toString());
        }
        // Counts for the record; rules axe could not decide (e.g. contrast over an obscured background) too.
        System.out.println("axe " + page + " @" + window.width + "px: " + out.size() + " rule(s) violated, undecided "
                + results.getIncomplete().stream().map(Rule::getId).toList());
        return out;
    }

    @Test
    void theChatPageWithAnAnswerAndItsCitationHasNoViolations() {
        List<String> found = new ArrayList<>();
        for (Dimension window : WINDOWS) {
            open(window, "/", "question");
            WebElement reply = ask("占道停车收费标准是多少");
            assertThat(reply.findElements(By.cssSelector(".sources .source"))).as("a citation").isNotEmpty();
            found.addAll(violations("/ answered", window));
        }
        assertThat(found).as(String.join("\n", found)).isEmpty();
    }

    @Test
    void theChatPageWithTheHandOffFormOpenHasNoViolations() {
        List<String> found = new ArrayList<>();
        for (Dimension window : WINDOWS) {
            open(window, "/", "question");
            WebElement reply = ask("今天天气怎么样");
            assertThat(reply.findElement(By.className("unsure")).getText()).isEqualTo("暂时无法确定答案");
            assertThat(reply.findElement(By.cssSelector("input[name=email]")).isDisplayed()).isTrue();
            found.addAll(violations("/ unsure", window));
        }
        assertThat(found).as(String.join("\n", found)).isEmpty();
    }

    @Test
    void theTrackPageHasNoViolations() {
        List<String> found = new ArrayList<>();
        for (Dimension window : WINDOWS) {
            open(window, "/track", "track-code");
            found.addAll(violations("/track", window));
        }
        assertThat(found).as(String.join("\n", found)).isEmpty();
    }

    @Test
    void theLoginPageHasNoViolations() {
        List<String> found = new ArrayList<>();
        for (Dimension window : WINDOWS) {
            open(window, "/login", "username");
            found.addAll(violations("/login", window));
        }
        assertThat(found).as(String.join("\n", found)).isEmpty();
    }
}
