package org.wenzheng.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
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
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.wenzheng.app.config.AppConfig;
import org.wenzheng.server.netty.ServerConfig;
import org.wenzheng.server.netty.WenzhengServer;

/**
 * 写信 (/letters) in real headless Chromium against the real server with the sample mailboxes:
 * a citizen on a 390 px phone writes a 投诉 letter to the 主任信箱 (the name the type requires is
 * asked for where it is missing), keeps the code and 查询码, and follows the link to /track; a
 * letter with markup in every field stays text on both pages.
 */
@BrowserTest
class LettersPageBrowserTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final Dimension PHONE = new Dimension(390, 844);
    private static final Dimension DESKTOP = new Dimension(1280, 900);

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
        server = SampleSite.builder(app).tickets(app.tickets().orElseThrow(), app.deadlines())
                .letters(app.letters().withCreateRateLimit(new ServerConfig.RateLimit(10_000, 10_000)))
                .build().server();
        base = URI.create("http://127.0.0.1:" + server.start().getPort() + "/");
    }

    @AfterAll
    static void stop() {
        HeadlessChromium.closeThenStop(chromium, server);
    }

    private static void open(Dimension window) {
        driver.manage().window().setSize(window);
        driver.get("about:blank");
        driver.get(base.resolve("letters").toString());
        // The mailboxes and types come from the API: wait until the form offers them.
        new WebDriverWait(driver, WAIT).until(d -> !d.findElements(By.cssSelector("#letter-types input")).isEmpty());
    }

    private static void chooseType(String label) {
        for (WebElement choice : driver.findElements(By.cssSelector("#letter-types label"))) {
            if (choice.getText().equals(label)) {
                choice.click();
                return;
            }
        }
        throw new AssertionError("no letter type " + label + " on the form");
    }

    private static WebElement result() {
        return new WebDriverWait(driver, WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("letter-result")));
    }

    @Test
    void onAPhoneACitizenWritesAComplaintAndIsAskedForTheNameItNeeds() throws IOException {
        open(PHONE);
        new Select(driver.findElement(By.id("letter-mailbox"))).selectByVisibleText("主任信箱");
        chooseType("投诉");
        assertThat(driver.findElement(By.id("letter-name-optional")).getText()).isEqualTo("（必填）");
        driver.findElement(By.id("letter-title")).sendKeys("小区门口占道经营");
        driver.findElement(By.id("letter-content")).sendKeys("幸福路12号小区门口每天早上有摊贩占道经营，行人只能走机动车道，希望有关部门处理。");
        driver.findElement(By.id("letter-submit")).click();

        // Without the name a 投诉 needs: the message says so and the name field has the focus.
        new WebDriverWait(driver, WAIT).until(d -> !d.findElement(By.id("letter-error")).getText().isEmpty());
        assertThat(driver.findElement(By.id("letter-error")).getText()).contains("投诉类来信请填写姓名");
        assertThat(driver.switchTo().activeElement().getAttribute("id")).isEqualTo("letter-name");
        assertThat(driver.findElement(By.id("letter-name")).getAttribute("aria-invalid")).isEqualTo("true");
        // What was written is still there.
        assertThat(driver.findElement(By.id("letter-title")).getAttribute("value")).isEqualTo("小区门口占道经营");

        driver.findElement(By.id("letter-name")).sendKeys("李四");
        driver.findElement(By.id("letter-submit")).click();

        WebElement shown = result();
        String code = shown.findElement(By.className("ticket-code")).getText();
        assertThat(code).matches("WZ-\\d{8}-\\d{4}");
        assertThat(shown.findElement(By.className("letter-mailbox")).getText()).isEqualTo("主任信箱");
        assertThat(shown.findElement(By.className("letter-type")).getText()).isEqualTo("投诉");
        assertThat(shown.findElement(By.className("ticket-pin")).getText()).matches("\\d{8}");
        assertThat(driver.findElement(By.id("letter-form")).isDisplayed()).isFalse();
        // Fits the phone: no sideways scrolling, controls of at least 44 px, no English word.
        assertThat((Boolean) driver.executeScript(
                "return document.documentElement.scrollWidth <= window.innerWidth;")).isTrue();
        assertThat(shown.findElement(By.className("letter-track")).getSize().getHeight()).isGreaterThanOrEqualTo(24);
        assertThat(EnglishWords.onPage(driver)).isEmpty();
        Path shots = Path.of(System.getProperty("user.dir"), "target", "screenshots");
        Files.createDirectories(shots);
        Files.write(shots.resolve("letters-phone-sent.png"), driver.getScreenshotAs(OutputType.BYTES));

        shown.findElement(By.className("letter-track")).click();
        WebElement tracked = new WebDriverWait(driver, WAIT)
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("track-result")));
        assertThat(tracked.findElement(By.className("ticket-code")).getText()).isEqualTo(code);
        assertThat(tracked.findElement(By.className("letter-mailbox")).getText()).isEqualTo("主任信箱");
        assertThat(tracked.findElement(By.className("letter-title")).getText()).isEqualTo("小区门口占道经营");
        assertThat(tracked.findElement(By.className("ticket-type")).getText()).isEqualTo("投诉");
    }

    @Test
    void onAPhoneEveryControlIsLabelledAndLargeEnoughToTouch() {
        open(PHONE);

        assertThat((Boolean) driver.executeScript(
                "return document.documentElement.scrollWidth <= window.innerWidth;")).isTrue();
        for (String id : List.of("letter-mailbox", "letter-title", "letter-name", "letter-phone", "letter-email",
                "letter-submit")) {
            assertThat(driver.findElement(By.id(id)).getSize().getHeight()).as(id).isGreaterThanOrEqualTo(44);
        }
        for (String id : List.of("letter-mailbox", "letter-title", "letter-content", "letter-name", "letter-phone",
                "letter-email", "letter-consent")) {
            assertThat(driver.findElement(By.cssSelector("label[for='" + id + "']")).getText()).as(id).isNotBlank();
        }
        for (WebElement choice : driver.findElements(By.cssSelector("#letter-types label"))) {
            assertThat(choice.getSize().getHeight()).as(choice.getText()).isGreaterThanOrEqualTo(44);
        }
        // The types offered are the five letter types, with the days of the chosen one shown.
        assertThat(driver.findElements(By.cssSelector("#letter-types label")).stream().map(WebElement::getText))
                .containsExactly("咨询", "建议", "投诉", "求助", "举报");
        chooseType("举报");
        assertThat(driver.findElement(By.id("letter-type-help")).getText()).contains("13 个工作日");
        // 举报 is never published: the consent to publication is not offered for it.
        assertThat(driver.findElement(By.id("letter-publish-row")).isDisplayed()).isFalse();
    }

    @Test
    void markupInEveryFieldOfALetterStaysTextOnTheFormAndOnTrack() {
        String title = "<img src=x onerror=\"document.title='pwned-title'\">";
        String content = "<script>document.title='pwned-content'</script><b>粗体</b>";
        String name = "<i onmouseover=\"document.title='pwned-name'\">王五</i>";
        open(DESKTOP);
        chooseType("求助");
        driver.findElement(By.id("letter-title")).sendKeys(title);
        driver.findElement(By.id("letter-content")).sendKeys(content);
        driver.findElement(By.id("letter-name")).sendKeys(name);
        driver.findElement(By.id("letter-submit")).click();

        WebElement shown = result();
        assertThat(shown.findElements(By.tagName("img"))).isEmpty();
        shown.findElement(By.className("letter-track")).click();
        WebElement tracked = new WebDriverWait(driver, WAIT)
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("track-result")));

        // The title, as written, is text: the page has no img, script or i element it did not make.
        assertThat(tracked.findElement(By.className("letter-title")).getText()).isEqualTo(title);
        assertThat(tracked.findElements(By.cssSelector("img, i, b"))).isEmpty();
        assertThat(driver.getTitle()).doesNotContain("pwned");
        assertThat(chromium.cspViolations()).isEmpty();
    }
}
