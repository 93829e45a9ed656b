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
 * 办件查询 (/track) in real headless Chromium against the real server with the sample
 * configuration's departments: a citizen finds a ticket by its code and the phone, the e-mail or
 * the 查询码, with the keyboard, on a 390 px phone and on a desktop; the chat page links to it.
 */
@BrowserTest
class TrackPageBrowserTest {
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
                        app.deadlines()).build();
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

    private static void open(Dimension window, String path) {
        driver.manage().window().setSize(window);
        // A fresh document each time: a link differing only in its fragment would not reload the page.
        driver.get("about:blank");
        driver.get(base.resolve(path).toString());
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.elementToBeClickable(By.id("track-code")));
    }

    /** Types the code, tabs to the next field, types the contact and presses Enter: no mouse. */
    private static WebElement lookUp(String code, String contact) {
        WebElement codeBox = driver.findElement(By.id("track-code"));
        codeBox.clear();
        codeBox.sendKeys(code, Keys.TAB);
        WebElement contactBox = driver.switchTo().activeElement();
        assertThat(contactBox.getAttribute("id")).isEqualTo("track-contact");
        contactBox.clear();
        contactBox.sendKeys(contact, Keys.ENTER);
        return contactBox;
    }

    private static WebElement result() {
        return new WebDriverWait(driver, WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("track-result")));
    }

    private static String errorText() {
        new WebDriverWait(driver, WAIT).until(d -> !d.findElement(By.id("track-error")).getText().isEmpty());
        return driver.findElement(By.id("track-error")).getText();
    }

    @Test
    void onAPhoneACitizenFindsATicketByCodeAndPhoneWithTheKeyboard() throws IOException {
        TicketService.Created t = desk().create(new NewTicket("劳动合同到期不续签，经济补偿怎么算", "web", null,
                "consultation", null, "13812345678", true));
        open(PHONE, "track");

        lookUp(t.code(), "138 1234 5678");

        WebElement shown = result();
        assertThat(shown.findElement(By.className("ticket-code")).getText()).isEqualTo(t.code());
        assertThat(shown.findElement(By.className("ticket-status")).getText()).isEqualTo("办理中");
        assertThat(shown.findElement(By.className("ticket-department")).getText()).isEqualTo(t.departmentName());
        assertThat(shown.findElement(By.className("ticket-deadline")).getText()).isEqualTo(t.deadline().toString());
        // What the citizen typed stays as typed.
        assertThat(driver.findElement(By.id("track-contact")).getAttribute("value")).isEqualTo("138 1234 5678");
        // Fits the phone: no sideways scrolling, controls of at least 44 px, every control labelled.
        assertThat((Boolean) driver.executeScript(
                "return document.documentElement.scrollWidth <= window.innerWidth;")).isTrue();
        for (String id : List.of("track-code", "track-contact", "track-submit")) {
            assertThat(driver.findElement(By.id(id)).getSize().getHeight()).as(id).isGreaterThanOrEqualTo(44);
        }
        for (String id : List.of("track-code", "track-contact")) {
            assertThat(driver.findElement(By.cssSelector("label[for='" + id + "']")).getText()).as(id).isNotBlank();
        }
        assertThat(EnglishWords.onPage(driver)).isEmpty();
        Path shots = Path.of(System.getProperty("user.dir"), "target", "screenshots");
        Files.createDirectories(shots);
        Files.write(shots.resolve("track-phone.png"), driver.getScreenshotAs(OutputType.BYTES));
    }

    @Test
    void onADesktopTheAnswerIsShownOnceTheOfficerHasGivenIt() {
        TicketService.Created t = desk().create(new NewTicket("公租房申请需要哪些材料", "web", null, "consultation",
                "Zhang.San@example.com", null, true));
        desk().answer(t.code(), "请携带身份证和收入证明到住房保障窗口申请。", "officer");
        open(DESKTOP, "track");

        lookUp(t.code().toLowerCase(java.util.Locale.ROOT), "zhang.san@EXAMPLE.com");

        WebElement shown = result();
        assertThat(shown.findElement(By.className("ticket-status")).getText()).isEqualTo("已答复");
        assertThat(shown.findElement(By.className("ticket-answer")).getText())
                .isEqualTo("请携带身份证和收入证明到住房保障窗口申请。");
    }

    @Test
    void aWrongContactReadsAsAnUnknownCodeDoes() {
        TicketService.Created t = desk().create(new NewTicket("社保卡丢了怎么补办", "web", null, "consultation", null,
                "13900000001", true));
        open(DESKTOP, "track");

        lookUp(t.code(), "13900000002");
        String wrongContact = errorText();
        driver.navigate().refresh();
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.elementToBeClickable(By.id("track-code")));
        lookUp("WZ-20000101-0001", "13900000001");
        String unknownCode = errorText();

        assertThat(wrongContact).isEqualTo(unknownCode).isEqualTo("没有找到与该编号和联系方式（或查询码）对应的工单，请核对后再试");
        assertThat(driver.findElement(By.id("track-error")).getAttribute("role")).isEqualTo("alert");
        assertThat(driver.findElement(By.id("track-result")).isDisplayed()).isFalse();
    }

    @Test
    void aTicketKeptWithoutContactIsFoundByItsPinAndTheHelpSaysSo() {
        TicketService.Created t = desk().create(new NewTicket("路灯坏了找谁修", "web", null, "consultation", null, null,
                false));
        open(PHONE, "track");
        assertThat(driver.findElement(By.id("track-contact-help")).getText())
                .contains("未勾选同意保存联系方式的工单没有保存手机号和邮箱，只能凭查询码查询");

        lookUp(t.code(), t.pin());

        assertThat(result().findElement(By.className("ticket-code")).getText()).isEqualTo(t.code());
    }

    @Test
    void theChatPageFooterLinksToTrack() {
        driver.manage().window().setSize(PHONE);
        driver.get(base.toString());
        WebElement link = new WebDriverWait(driver, WAIT).until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("footer a[href='/track']")));
        assertThat(link.getText()).isEqualTo("办件查询");

        link.sendKeys(Keys.ENTER);

        new WebDriverWait(driver, WAIT).until(ExpectedConditions.elementToBeClickable(By.id("track-code")));
        assertThat(driver.getTitle()).isEqualTo("问政 · 办件查询");
    }

    @Test
    void theLinkWithTheLongKeyOpensTheTicketWithoutTyping() {
        TicketService.Created t = desk().create(new NewTicket("公积金怎么提取", "web", null, "consultation", null, null,
                false));

        open(PHONE, "track#" + t.code() + "&key=" + t.key());

        assertThat(result().findElement(By.className("ticket-code")).getText()).isEqualTo(t.code());
        assertThat(driver.findElement(By.id("track-code")).getAttribute("value")).isEqualTo(t.code());
    }
}
