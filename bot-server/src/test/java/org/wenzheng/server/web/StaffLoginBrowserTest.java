package org.wenzheng.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.wenzheng.app.config.AppConfig;
import org.wenzheng.server.chat.ChatConfig;
import org.wenzheng.server.netty.WenzhengServer;

/**
 * The staff login page and the console placeholder in real headless Chromium, with the demo
 * accounts of the shipped configuration: log in, see the console, log out, and the console is
 * closed again. Both pages' scripts run under the Content-Security-Policy.
 */
@BrowserTest
class StaffLoginBrowserTest {
    private static final Duration WAIT = Duration.ofSeconds(15);

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
        server = SampleSite.builder(app).chat(ChatConfig.DEFAULTS).staff(app.staff()).build().server();
        base = URI.create("http://127.0.0.1:" + server.start().getPort() + "/");
    }

    @AfterAll
    static void stop() {
        HeadlessChromium.closeThenStop(chromium, server);
    }

    @BeforeEach
    void loggedOut() {
        chromium.forgetLogin(base);
        chromium.consoleMessages();
    }

    private static void logIn(String username, String password) {
        chromium.submitLogin(base, username, password, WAIT);
    }

    @Test
    void anOperatorLogsInSeesTheConsoleAndLogsOut() {
        logIn("operator", "demo-operator-2026");

        new WebDriverWait(driver, WAIT).until(ExpectedConditions.urlToBe(base.resolve("/console").toString()));
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("接线员控制台");
        assertThat(driver.findElement(By.id("user")).getText()).isEqualTo("接线员（演示）");
        Cookie session = driver.manage().getCookieNamed("wz_session");
        assertThat(session.isHttpOnly()).isTrue();
        assertThat(session.getSameSite()).isEqualTo("Strict");

        driver.findElement(By.id("logout")).click();

        new WebDriverWait(driver, WAIT).until(ExpectedConditions.urlToBe(base.resolve("/login").toString()));
        assertThat(driver.manage().getCookieNamed("wz_session")).isNull();
        driver.get(base.resolve("/console").toString());
        assertThat(driver.getCurrentUrl()).as("the console is closed again").isEqualTo(base.resolve("/login").toString());
        assertThat(chromium.consoleMessages()).noneSatisfy(m -> assertThat(m).contains("Content Security Policy"));
    }

    @Test
    void aWrongPasswordShowsTheGenericMessageAndStaysOnTheLoginPage() {
        logIn("operator", "not-the-password");

        By error = By.id("login-error");
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.visibilityOfElementLocated(error));
        assertThat(driver.findElement(error).getText()).isEqualTo("用户名或密码错误");
        assertThat(driver.getCurrentUrl()).isEqualTo(base.resolve("/login").toString());
        assertThat(driver.manage().getCookieNamed("wz_session")).isNull();
    }

    @Test
    void theConsoleWithoutALoginLeadsToTheLoginPage() {
        driver.get(base.resolve("/console").toString());

        assertThat(driver.getCurrentUrl()).isEqualTo(base.resolve("/login").toString());
        assertThat(driver.findElement(By.id("login")).getText()).isEqualTo("登录");
    }
}
