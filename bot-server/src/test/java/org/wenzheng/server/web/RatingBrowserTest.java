package org.wenzheng.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import java.io.IOException;
import java.net.URI;
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
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.wenzheng.app.Assembly;
import org.wenzheng.app.RepoRoot;
import org.wenzheng.app.config.AppConfig;
import org.wenzheng.knowledge.engine.KnowledgeBases;
import org.wenzheng.server.db.Database;
import org.wenzheng.server.netty.ServerConfig;
import org.wenzheng.server.netty.WenzhengServer;
import org.wenzheng.server.tickets.NewTicket;
import org.wenzheng.server.tickets.TicketService;
import org.wenzheng.server.tickets.TicketsConfig;

/**
 * 满意度评价 on 办件查询 (/track) in real headless Chromium on a 390 px phone, against the real
 * server with the sample configuration: a citizen who found an answered ticket by its phone rates
 * it 不满意 with a comment, with the keyboard, and the ticket is open again; opened from the link
 * with the key, a second rating of the same answer is refused with the server's Chinese message.
 */
@BrowserTest
class RatingBrowserTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final Dimension PHONE = new Dimension(390, 844);

    @TempDir
    static Path data;
    @TempDir
    static Path profile;

    private static HeadlessChromium chromium;
    private static ChromeDriver driver;
    private static WenzhengServer server;
    private static Assembly assembly;
    private static URI base;

    @BeforeAll
    static void startServerAndBrowser() throws IOException {
        chromium = HeadlessChromium.start(profile);
        driver = chromium.driver();
        AppConfig app = AppConfig.load(RepoRoot.find().resolve("config/wenzheng.yaml"), "config/wenzheng.yaml",
                Optional.of(data));
        KnowledgeBases.index(app.knowledgeConfig(), progress -> { }, false);
        ServerConfig.RateLimit many = new ServerConfig.RateLimit(10_000, 10_000);
        assembly = Assembly.builder(app.server().withPort(0).withRateLimit(new ServerConfig.RateLimit(100_000, 10_000)),
                        KnowledgeBases.open(app.knowledgeConfig()), Database.open(app.database()))
                .tickets(app.tickets().orElseThrow().withTracking(new TicketsConfig.Tracking(8, many, many)),
                        app.deadlines())
                .satisfaction(app.satisfaction().withRateLimit(many))
                .build();
        server = assembly.server();
        base = URI.create("http://127.0.0.1:" + server.start().getPort() + "/");
    }

    @AfterAll
    static void stop() {
        HeadlessChromium.closeThenStop(chromium, server);
    }

    private static TicketService desk() {
        return assembly.tickets().orElseThrow();
    }

    private static void open(String path) {
        driver.manage().window().setSize(PHONE);
        driver.get("about:blank");
        driver.get(base.resolve(path).toString());
    }

    private static WebElement ratingForm() {
        return new WebDriverWait(driver, WAIT).until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#track-result form.rating")));
    }

    @Test
    void onAPhoneACitizenRatesTheAnswerUnsatisfiedWithTheKeyboardAndTheTicketIsReopened() throws IOException {
        TicketService.Created t = desk().create(new NewTicket("小区噪音扰民投诉一直没人管", "web", null, "complaint",
                null, "13812345678", true));
        desk().answer(t.code(), "已联系物业处理。", "officer");
        open("track");
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.elementToBeClickable(By.id("track-code")));
        driver.findElement(By.id("track-code")).sendKeys(t.code(), Keys.TAB);
        driver.switchTo().activeElement().sendKeys("13812345678", Keys.ENTER);

        WebElement form = ratingForm();
        assertThat(form.findElement(By.tagName("legend")).getText()).isEqualTo("您对这次答复满意吗？");
        List<WebElement> choices = form.findElements(By.className("rating-choice"));
        assertThat(choices).extracting(WebElement::getText).containsExactly("满意", "基本满意", "不满意");
        for (WebElement c : choices) {
            assertThat(c.getSize().getHeight()).as(c.getText()).isGreaterThanOrEqualTo(44);
        }
        // Keyboard only: focus the first choice, the arrow keys move to 不满意, Tab to the comment.
        form.findElement(By.cssSelector("input[value='satisfied']")).sendKeys(Keys.SPACE);
        driver.switchTo().activeElement().sendKeys(Keys.ARROW_RIGHT);
        driver.switchTo().activeElement().sendKeys(Keys.ARROW_RIGHT);
        assertThat(form.findElement(By.cssSelector("input[value='unsatisfied']")).isSelected()).isTrue();
        driver.switchTo().activeElement().sendKeys(Keys.TAB);
        WebElement comment = driver.switchTo().activeElement();
        assertThat(comment.getAttribute("class")).contains("rating-comment");
        assertThat(driver.findElement(By.cssSelector("label[for='" + comment.getAttribute("id") + "']")).getText())
                .isEqualTo("意见或建议（选填）");
        comment.sendKeys("噪音还在，物业没来");
        comment.sendKeys(Keys.TAB);
        driver.switchTo().activeElement().sendKeys(Keys.ENTER);

        WebElement done = new WebDriverWait(driver, WAIT).until(ExpectedConditions.visibilityOfElementLocated(
                By.className("rating-done")));
        assertThat(done.getText()).startsWith("您的评价：不满意。").contains("工单已重新办理");
        assertThat(desk().detail(t.code()).ticket().status().id()).isEqualTo("open");
        assertThat(driver.findElement(By.cssSelector("#track-result .ticket-status")).getText()).isEqualTo("办理中");
        assertThat((Boolean) driver.executeScript(
                "return document.documentElement.scrollWidth <= window.innerWidth;")).isTrue();
        assertThat(EnglishWords.onPage(driver)).isEmpty();
        Path shots = Path.of(System.getProperty("user.dir"), "target", "screenshots");
        Files.createDirectories(shots);
        Files.write(shots.resolve("rating-phone.png"), driver.getScreenshotAs(OutputType.BYTES));
    }

    @Test
    void fromTheLinkWithTheKeyASecondRatingOfTheSameAnswerIsRefusedInChinese() {
        TicketService.Created t = desk().create(new NewTicket("公租房申请需要哪些材料评价", "web", null, "consultation",
                null, null, false));
        desk().answer(t.code(), "请携带身份证和收入证明。", "officer");
        String link = "track#" + t.code() + "&key=" + t.key();
        open(link);
        rateSatisfied();
        assertThat(new WebDriverWait(driver, WAIT).until(ExpectedConditions.visibilityOfElementLocated(
                By.className("rating-done"))).getText()).isEqualTo("您的评价：满意。感谢您的评价！");
        open(link);
        rateSatisfied();
        WebElement error = new WebDriverWait(driver, WAIT).until(d -> {
            WebElement e = d.findElement(By.className("rating-error"));
            return e.getText().isEmpty() ? null : e;
        });
        assertThat(error.getText()).isEqualTo("您已经评价过这次答复，每次答复只能评价一次");
        assertThat(error.getAttribute("role")).isEqualTo("alert");
    }

    private static void rateSatisfied() {
        WebElement form = ratingForm();
        form.findElement(By.cssSelector("input[value='satisfied']")).sendKeys(Keys.SPACE);
        form.findElement(By.className("rating-submit")).sendKeys(Keys.ENTER);
    }
}
