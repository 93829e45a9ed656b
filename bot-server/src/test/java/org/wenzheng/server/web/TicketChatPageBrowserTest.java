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
import org.junit.jupiter.api.BeforeEach;
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
import org.wenzheng.server.netty.ServerConfig;
import org.wenzheng.server.netty.WenzhengServer;
import org.wenzheng.server.db.Database;
import org.wenzheng.server.tickets.TicketDesk;
import org.wenzheng.server.tickets.TicketPushes;

/**
 * Escalation on the citizen chat page in real headless Chromium, against the real server with the
 * sample configuration's departments: a question the bot cannot answer is handed to the staff, the
 * code and key are shown and kept, the ticket's status is shown on return, and the officer's
 * answer appears when it is pushed.
 */
@BrowserTest
class TicketChatPageBrowserTest {
    private static final String UNANSWERABLE = "我家楼下的路灯坏了好几天了找谁修";
    private static final Duration WAIT = Duration.ofSeconds(15);

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
        assembly = Assembly.builder(app.server().withPort(0).withRateLimit(new ServerConfig.RateLimit(100_000, 10_000)),
                        KnowledgeBases.open(app.knowledgeConfig()), Database.open(app.database()))
                .tickets(app.tickets().orElseThrow(), app.deadlines()).build();
        server = assembly.server();
        base = URI.create("http://127.0.0.1:" + server.start().getPort() + "/");
    }

    @AfterAll
    static void stop() {
        HeadlessChromium.closeThenStop(chromium, server);
    }

    @BeforeEach
    void openThePage() {
        driver.manage().window().setSize(new Dimension(390, 844));
        driver.get(base.toString());
        driver.executeScript("localStorage.clear(); sessionStorage.clear();");
        driver.navigate().refresh();
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.elementToBeClickable(By.id("question")));
    }

    private static WebElement ask(String question) {
        int before = replies().size();
        WebElement input = driver.findElement(By.id("question"));
        input.sendKeys(question);
        input.sendKeys(Keys.ENTER);
        new WebDriverWait(driver, WAIT).until(d -> replies().size() > before
                && d.findElements(By.cssSelector("#conversation .pending")).isEmpty());
        List<WebElement> all = replies();
        return all.get(all.size() - 1);
    }

    private static List<WebElement> replies() {
        return driver.findElements(By.cssSelector("#conversation .message.bot:not(.pending)"));
    }

    @Test
    void aCitizenEscalatesAnUnanswerableQuestionAndSeesCodeStatusAndTheOfficersAnswer() throws Exception {
        WebElement reply = ask(UNANSWERABLE);
        assertThat(reply.findElement(By.className("unsure")).getText()).isEqualTo("暂时无法确定答案");

        Path shots = Path.of(System.getProperty("user.dir"), "target", "screenshots");
        Files.createDirectories(shots);
        Files.write(shots.resolve("ticket-offer-phone.png"), driver.getScreenshotAs(OutputType.BYTES));
        reply.findElement(By.cssSelector("input[name=email]")).sendKeys("zhang.san@example.com");
        reply.findElement(By.cssSelector(".submit-ticket")).click();
        // Contact without consent is not sent.
        new WebDriverWait(driver, WAIT).until(d -> !reply.findElement(By.className("form-error")).getText().isEmpty());
        assertThat(reply.findElement(By.className("form-error")).getText()).contains("勾选同意");
        reply.findElement(By.cssSelector("input[name=consent]")).click();
        reply.findElement(By.cssSelector(".submit-ticket")).click();

        WebElement code = new WebDriverWait(driver, WAIT).until(ExpectedConditions.visibilityOfNestedElementsLocatedBy(
                reply, By.className("ticket-code"))).get(0);
        String ticket = code.getText();
        assertThat(ticket).matches("WZ-\\d{8}-\\d{4}");
        // The speakable 查询码 is shown; the long key goes into the link to the ticket on /track.
        assertThat(reply.findElement(By.className("ticket-pin")).getText()).matches("\\d{8}");
        String link = reply.findElement(By.className("ticket-link")).getAttribute("href");
        assertThat(link).startsWith(base.resolve("/track#" + ticket + "&key=").toString());
        String key = link.substring(link.indexOf("&key=") + "&key=".length());
        assertThat(key).matches("[A-Za-z0-9_-]{24}");
        assertThat(reply.findElement(By.className("keep-note")).getText()).contains("请保存好编号和查询码");
        assertThat(reply.getText()).contains("已提交给综合办公室");
        assertThat((String) driver.executeScript("return localStorage.getItem('wenzheng.tickets');"))
                .contains(ticket).contains(key);

        // Back later: the page reads the ticket with its key and shows its status.
        driver.navigate().refresh();
        new WebDriverWait(driver, WAIT).until(d -> d.findElements(By.cssSelector("#ticket-list li")).size() == 1);
        WebElement item = driver.findElement(By.cssSelector("#ticket-list li"));
        assertThat(item.findElement(By.className("ticket-code")).getText()).isEqualTo(ticket);
        assertThat(item.findElement(By.className("ticket-status")).getText()).isEqualTo("办理中");
        assertThat(item.getText()).contains("综合办公室").contains("答复期限");

        // The officer answers; the answer is pushed to the open chat (resumed after the reload).
        TicketDesk.AnswerOutcome outcome = assembly.tickets().orElseThrow().answer(ticket, "路灯由市政设施管理处维修，已派单。<b>谢谢</b>",
                "officer");
        // Pushed once the page's socket has rejoined its conversation (it reconnects after the reload).
        new WebDriverWait(driver, WAIT).until(d -> TicketPushes.send(assembly.conversations(), outcome.pushes()) > 0);
        WebElement officer = new WebDriverWait(driver, WAIT).until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#conversation .message.officer")));
        assertThat(officer.getText()).contains("工作人员答复（编号 " + ticket + "）")
                .contains("路灯由市政设施管理处维修，已派单。<b>谢谢</b>");
        assertThat(officer.findElements(By.tagName("b"))).isEmpty();
        new WebDriverWait(driver, WAIT).until(d -> d.findElement(By.cssSelector("#ticket-list .ticket-status"))
                .getText().equals("已答复"));

        Files.write(shots.resolve("ticket-chat-phone.png"), driver.getScreenshotAs(OutputType.BYTES));
    }

    @Test
    void notHelpfulAfterAnAnswerOffersTheEscalation() {
        WebElement reply = ask("如何申请政府信息公开？");
        assertThat(reply.findElements(By.className("unsure"))).isEmpty();
        assertThat(reply.findElements(By.cssSelector(".submit-ticket"))).isEmpty();

        reply.findElement(By.className("not-helpful")).click();

        assertThat(reply.findElement(By.cssSelector(".submit-ticket")).getText()).isEqualTo("提交给工作人员");
        assertThat(reply.findElements(By.className("not-helpful"))).isEmpty();
    }
}
