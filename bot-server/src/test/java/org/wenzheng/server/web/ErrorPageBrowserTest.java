package org.wenzheng.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.wenzheng.app.config.AppConfig;
import org.wenzheng.server.netty.WenzhengServer;

/**
 * A mistyped address in real headless Chromium, on a desktop and a phone window: the person sees
 * a page in Chinese with the site's look and a way back to the chat, not the API's JSON, while
 * the pages' own requests to the API still get JSON errors.
 */
@BrowserTest
class ErrorPageBrowserTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final Dimension DESKTOP = new Dimension(1280, 900);
    private static final Dimension PHONE = new Dimension(390, 844);

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
        server = SampleSite.builder(app).build().server();
        base = URI.create("http://127.0.0.1:" + server.start().getPort() + "/");
    }

    @AfterAll
    static void stop() {
        HeadlessChromium.closeThenStop(chromium, server);
    }

    @Test
    void aMistypedAddressShowsAChinesePageWithAWayBackToTheChatOnADesktop() {
        showsTheChinesePageAndLeadsBackToTheChat(DESKTOP);
    }

    @Test
    void aMistypedAddressShowsAChinesePageWithAWayBackToTheChatOnAPhone() {
        showsTheChinesePageAndLeadsBackToTheChat(PHONE);
    }

    private void showsTheChinesePageAndLeadsBackToTheChat(Dimension window) {
        driver.manage().window().setSize(window);
        driver.get(base.resolve("/zhengce/no-such-page").toString());
        WebDriverWait wait = new WebDriverWait(driver, WAIT);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("home")));

        String text = driver.findElement(By.tagName("body")).getText();
        assertThat(text).contains("问政", "页面不存在").doesNotContain("not_found", "nothing is at", "{");
        assertThat(driver.getTitle()).contains("页面不存在");
        // The site's look: the red header of the other pages, from their style sheet.
        assertThat(driver.findElement(By.cssSelector("header.top")).getCssValue("background-color"))
                .isEqualTo("rgba(179, 38, 30, 1)");
        Object overflow = driver.executeScript(
                "return document.documentElement.scrollWidth > document.documentElement.clientWidth;");
        assertThat(overflow).isEqualTo(false);
        assertThat(chromium.cspViolations()).isEmpty();
        assertThat(EnglishWords.onPage(driver)).isEmpty();

        driver.findElement(By.id("home")).click();
        wait.until(ExpectedConditions.urlToBe(base.resolve("/").toString()));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("question")));
    }

    @Test
    void thePagesOwnRequestsToTheApiStillGetTheJsonError() {
        driver.get(base.resolve("/").toString());
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("question")));

        Object answer = driver.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                Promise.all([fetch('/api/v1/no-such-thing'), fetch('/no-such-file.js')])
                  .then(rs => Promise.all(rs.map(r => r.json().then(j => r.status + ' ' + j.error.code))))
                  .then(done, e => done('failed: ' + e));
                """);
        assertThat(answer).isEqualTo(java.util.List.of("404 not_found", "404 not_found"));
    }
}
