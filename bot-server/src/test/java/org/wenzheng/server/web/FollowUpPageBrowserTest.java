package org.wenzheng.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
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
import org.wenzheng.server.staff.Role;
import org.wenzheng.server.staff.StaffConfig;
import org.wenzheng.server.tickets.NewTicket;
import org.wenzheng.server.tickets.TicketService;

/**
 * 回访 (/admin/follow-ups) in real headless Chromium against the real server: an operator finds an
 * answered 投诉 on the follow-up list with the phone to call, and records the outcome of the call
 * with the keyboard only; every control has its Chinese label.
 */
@BrowserTest
class FollowUpPageBrowserTest {
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
        StaffConfig staff = new StaffConfig(Duration.ofHours(8), false, new ServerConfig.RateLimit(1000, 1000),
                List.of(new StaffConfig.SeedAccount("op", "接线员小周", Role.OPERATOR, "op-password-1")));
        assembly = Assembly.builder(app.server().withPort(0).withRateLimit(new ServerConfig.RateLimit(100_000, 10_000)),
                        KnowledgeBases.open(app.knowledgeConfig()), Database.open(app.database())).staff(staff)
                .tickets(app.tickets().orElseThrow(), app.deadlines())
                .satisfaction(app.satisfaction())
                .build();
        server = assembly.server();
        base = URI.create("http://127.0.0.1:" + server.start().getPort() + "/");
    }

    @AfterAll
    static void stop() {
        HeadlessChromium.closeThenStop(chromium, server);
    }

    @Test
    void anOperatorRecordsTheOutcomeOfACallBackWithTheKeyboard() {
        TicketService desk = assembly.tickets().orElseThrow();
        TicketService.Created t = desk.create(new NewTicket("楼下餐馆油烟扰民投诉", "hotline", null, "complaint", null,
                "13812345678", true));
        desk.answer(t.code(), "已责令餐馆加装油烟净化器。", "officer");
        driver.manage().window().setSize(new Dimension(1280, 900));
        chromium.logIn(base, "op", "op-password-1", "/console", WAIT);
        driver.get(base.resolve("/admin/follow-ups").toString());

        WebElement item = new WebDriverWait(driver, WAIT).until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("li.follow-up[data-code='" + t.code() + "']")));
        assertThat(item.findElement(By.tagName("h2")).getText()).contains(t.code()).contains("投诉");
        assertThat(item.getText()).contains("13812345678").contains("已责令餐馆加装油烟净化器。").contains("尚未回访");
        assertThat(item.findElements(By.tagName("legend"))).extracting(WebElement::getText)
                .containsExactly("是否联系上", "市民是否满意");

        item.findElement(By.cssSelector("input[value='true']")).sendKeys(Keys.SPACE);
        driver.switchTo().activeElement().sendKeys(Keys.TAB);
        WebElement satisfied = driver.switchTo().activeElement();
        assertThat(satisfied.getAttribute("name")).endsWith("-satisfied");
        satisfied.sendKeys(Keys.SPACE);
        satisfied.sendKeys(Keys.TAB);
        WebElement note = driver.switchTo().activeElement();
        assertThat(driver.findElement(By.cssSelector("label[for='" + note.getAttribute("id") + "']")).getText())
                .isEqualTo("回访记录（选填）");
        note.sendKeys("市民说油烟已经少了");
        note.sendKeys(Keys.TAB);
        WebElement save = driver.switchTo().activeElement();
        assertThat(save.getText()).isEqualTo("保存回访结果");
        save.sendKeys(Keys.ENTER);

        new WebDriverWait(driver, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"),
                t.code() + " 的回访结果已保存：已联系，满意"));
        WebElement saved = driver.findElement(By.cssSelector("li.follow-up[data-code='" + t.code() + "']"));
        assertThat(saved.getText()).contains("已联系，满意（市民说油烟已经少了）").contains("op");
    }
}
