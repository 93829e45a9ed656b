package org.wenzheng.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
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
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.wenzheng.app.Assembly;
import org.wenzheng.app.RepoRoot;
import org.wenzheng.app.config.AppConfig;
import org.wenzheng.knowledge.engine.KnowledgeBases;
import org.wenzheng.server.db.Database;
import org.wenzheng.server.netty.ServerConfig;
import org.wenzheng.server.netty.WenzhengServer;
import org.wenzheng.server.tickets.calendar.TicketType;

/**
 * 政府信息公开申请 (/apply) in real headless Chromium on a 390 px phone, against the real server with
 * the sample configuration: the fields follow the applicant type, a wrong 身份证 check digit is shown
 * under the ID field, a corrected application gives its code and deadline, and its 受理回执 opens and
 * fits the phone; the chat page's footer links to the form.
 */
@BrowserTest
class ApplyPageBrowserTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final Dimension PHONE = new Dimension(390, 844);

    @TempDir
    static Path data;
    @TempDir
    static Path profile;

    private static HeadlessChromium chromium;
    private static ChromeDriver driver;
    private static WenzhengServer server;
    private static AppConfig app;
    private static URI base;

    @BeforeAll
    static void startServerAndBrowser() throws IOException {
        chromium = HeadlessChromium.start(profile);
        driver = chromium.driver();
        app = AppConfig.load(RepoRoot.find().resolve("config/wenzheng.yaml"), "config/wenzheng.yaml",
                Optional.of(data));
        KnowledgeBases.index(app.knowledgeConfig(), progress -> { }, false);
        server = Assembly.builder(app.server().withPort(0).withRateLimit(new ServerConfig.RateLimit(100_000, 10_000)),
                        KnowledgeBases.open(app.knowledgeConfig()), Database.open(app.database()))
                .tickets(app.tickets().orElseThrow(), app.deadlines())
                .applications(app.applications().withCreateRateLimit(new ServerConfig.RateLimit(10_000, 10_000)))
                .build().server();
        base = URI.create("http://127.0.0.1:" + server.start().getPort() + "/");
    }

    @AfterAll
    static void stop() {
        HeadlessChromium.closeThenStop(chromium, server);
    }

    private static void open(String path) {
        driver.manage().window().setSize(PHONE);
        driver.get("about:blank");
        driver.get(base.resolve(path).toString());
    }

    private static WebElement field(String id) {
        return driver.findElement(By.id(id));
    }

    private static boolean fitsThePhone() {
        return (Boolean) driver.executeScript("return document.documentElement.scrollWidth <= window.innerWidth;");
    }

    private static void shot(String name) throws IOException {
        Path shots = Path.of(System.getProperty("user.dir"), "target", "screenshots");
        Files.createDirectories(shots);
        Files.write(shots.resolve(name), driver.getScreenshotAs(OutputType.BYTES));
    }

    @Test
    void theChatPageLinksToTheApplicationForm() {
        open("");
        WebElement link = new WebDriverWait(driver, WAIT).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("footer a[href='/apply']")));
        assertThat(link.getText()).isEqualTo("申请公开");
        assertThat(fitsThePhone()).isTrue();
    }

    @Test
    void onAPhoneTheFieldsFollowTheApplicantTypeAndALegalPersonWithoutACodeIsToldUnderTheField() {
        open("apply");
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.elementToBeClickable(By.id("apply-name")));
        assertThat(field("apply-creditCode").isDisplayed()).isFalse();
        assertThat(driver.findElement(By.cssSelector("label[for='apply-name']")).getText()).startsWith("姓名");

        driver.findElement(By.cssSelector("input[name='applicantType'][value='法人或其他组织']")).click();

        new WebDriverWait(driver, WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("apply-creditCode")));
        assertThat(driver.findElement(By.cssSelector("label[for='apply-name']")).getText()).startsWith("联系人姓名");
        new Select(field("apply-organisationType")).selectByVisibleText("科研机构");
        field("apply-organisation").sendKeys("示例研究院");
        field("apply-name").sendKeys("李四");
        field("apply-phone").sendKeys("010-8888 6666");
        field("apply-request").sendKeys("2025年科研项目立项名单");
        new Select(field("apply-form")).selectByVisibleText("纸质");
        new Select(field("apply-delivery")).selectByVisibleText("自行领取");
        field("apply-consent").click();
        field("apply-submit").click();

        new WebDriverWait(driver, WAIT).until(d -> !field("creditCode-error").getText().isEmpty());
        assertThat(field("creditCode-error").getText()).contains("统一社会信用代码");
        assertThat(field("apply-creditCode").getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(driver.switchTo().activeElement().getAttribute("id")).isEqualTo("apply-creditCode");
        assertThat(fitsThePhone()).isTrue();
    }

    @Test
    void onAPhoneAWrongCheckDigitIsShownUnderTheIdFieldAndTheCorrectedApplicationGivesItsReceipt()
            throws IOException {
        open("apply");
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.elementToBeClickable(By.id("apply-name")));
        field("apply-name").sendKeys("张三");
        new Select(field("apply-idType")).selectByVisibleText("身份证");
        field("apply-idNumber").sendKeys("110105194912310021");
        field("apply-phone").sendKeys("138 1234 5678");
        field("apply-request").sendKeys("2025年本市政府信息公开工作年度报告中依申请公开办理情况的统计表");
        new Select(field("apply-form")).selectByVisibleText("纸质");
        new Select(field("apply-delivery")).selectByVisibleText("邮寄");
        field("apply-address").sendKeys("示例市人民路 1 号 100000");
        field("apply-consent").click();
        field("apply-submit").click();

        new WebDriverWait(driver, WAIT).until(d -> !field("idNumber-error").getText().isEmpty());
        assertThat(field("idNumber-error").getText()).contains("校验位");
        assertThat(field("apply-idNumber").getAttribute("aria-invalid")).isEqualTo("true");
        WebElement focused = driver.switchTo().activeElement();
        assertThat(focused.getAttribute("id")).isEqualTo("apply-idNumber");
        assertThat(fitsThePhone()).isTrue();
        for (String id : List.of("apply-name", "apply-idNumber", "apply-phone", "apply-submit")) {
            assertThat(field(id).getSize().getHeight()).as(id).isGreaterThanOrEqualTo(44);
        }
        for (String id : List.of("apply-name", "apply-idType", "apply-idNumber", "apply-phone", "apply-email",
                "apply-address", "apply-request", "apply-docReference", "apply-form", "apply-delivery")) {
            assertThat(driver.findElement(By.cssSelector("label[for='" + id + "']")).getText()).as(id).isNotBlank();
        }
        shot("apply-phone-error.png");

        // The applicant corrects the last digit with the keyboard and sends again with Enter.
        focused.sendKeys(Keys.BACK_SPACE, "X", Keys.ENTER);

        WebElement result = new WebDriverWait(driver, WAIT).until(
                ExpectedConditions.visibilityOfElementLocated(By.id("apply-result")));
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        LocalDate deadline = app.deadlines().deadline(TicketType.DISCLOSURE, today);
        assertThat(result.findElement(By.className("ticket-code")).getText()).matches("WZ-\\d{8}-\\d{4}");
        assertThat(result.findElement(By.className("ticket-deadline")).getText()).startsWith(deadline.toString());
        assertThat(result.findElement(By.className("application-received")).getText()).isEqualTo(today.toString());
        assertThat(fitsThePhone()).isTrue();
        assertThat(EnglishWords.onPage(driver)).isEmpty();
        shot("apply-phone-done.png");

        result.findElement(By.id("apply-receipt-link")).click();

        WebElement shownDeadline = new WebDriverWait(driver, WAIT).until(
                ExpectedConditions.visibilityOfElementLocated(By.id("receipt-deadline")));
        assertThat(shownDeadline.getText()).isEqualTo(DateTimeFormatter.ofPattern("yyyy年M月d日").format(deadline));
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("政府信息公开申请受理回执");
        assertThat(driver.getPageSource()).contains("**************002X").doesNotContain("11010519491231002X");
        assertThat(field("receipt-print").isDisplayed()).isTrue();
        assertThat(fitsThePhone()).isTrue();
        assertThat(EnglishWords.onPage(driver)).isEmpty();
        assertThat(chromium.cspViolations()).isEmpty();
        shot("apply-receipt-phone.png");
    }
}
