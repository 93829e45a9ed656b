package org.wenzheng.server.web;

import static org.junit.jupiter.api.Assertions.fail;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.wenzheng.server.netty.WenzhengServer;

/**
 * Debian's headless Chromium driven through Debian's chromedriver, for the browser tests (tag
 * {@code browser}). Both paths are given explicitly, so Selenium Manager is never asked to find or
 * download a driver or a browser: the tests run without a network.
 *
 * <p>A missing browser fails the tests with what to install, rather than skipping them silently: a
 * green build must mean the pages were tried in a real browser. {@code WENZHENG_SKIP_BROWSER_TESTS=1}
 * is the explicit way to leave them out (see {@link BrowserTest}).
 */
final class HeadlessChromium implements AutoCloseable {
    /** The Debian package paths; overridable for other layouts. */
    static final String DEFAULT_BROWSER = "/usr/bin/chromium";
    static final String DEFAULT_DRIVER = "/usr/bin/chromedriver";
    static final String BROWSER_ENV = "WENZHENG_CHROMIUM";
    static final String DRIVER_ENV = "WENZHENG_CHROMEDRIVER";
    static final String SKIP_ENV = "WENZHENG_SKIP_BROWSER_TESTS";

    /**
     * Collects Content-Security-Policy violations from the first script of every document on, before
     * the page's own scripts: injected through the DevTools protocol, so the policy under test does
     * not apply to it.
     */
    private static final String RECORD_CSP_VIOLATIONS = """
            window.__cspViolations = [];
            document.addEventListener('securitypolicyviolation', (e) => {
              window.__cspViolations.push(e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline'));
            });
            """;

    private final ChromeDriver driver;

    private HeadlessChromium(ChromeDriver driver) {
        this.driver = driver;
    }

    /**
     * Starts a headless browser.
     *
     * @param profile an empty folder for the browser's profile (a test's temporary folder), so no
     *                state of an earlier run or of a person's browser is used
     * @throws org.opentest4j.AssertionFailedError when the browser or its driver is not installed
     */
    static HeadlessChromium start(Path profile) {
        Path browser = executable(BROWSER_ENV, DEFAULT_BROWSER);
        Path driverExe = executable(DRIVER_ENV, DEFAULT_DRIVER);

        ChromeOptions options = new ChromeOptions();
        options.setBinary(browser.toFile());
        options.addArguments(
                "--headless=new",
                // Root in CI and containers without user namespaces: Chromium's sandbox cannot start.
                "--no-sandbox",
                "--disable-gpu",
                // /dev/shm is small in containers; Chromium then crashes on larger pages.
                "--disable-dev-shm-usage",
                // Nothing but the server under test is reached: no updates, sync or field trials.
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-quic",
                "--user-data-dir=" + profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logs);

        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(driverExe.toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        try {
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
            driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
            driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument",
                    Map.of("source", RECORD_CSP_VIOLATIONS));
        } catch (RuntimeException e) {
            driver.quit();
            throw e;
        }
        return new HeadlessChromium(driver);
    }

    private static Path executable(String env, String defaultPath) {
        String configured = System.getenv(env);
        Path p = Path.of(configured == null || configured.isBlank() ? defaultPath : configured);
        if (!Files.isExecutable(p)) {
            fail(p + " is missing or not executable: the browser tests need Debian's headless Chromium and"
                    + " its driver (apt-get install chromium chromium-driver; .ci/run installs them). Set "
                    + BROWSER_ENV + " / " + DRIVER_ENV + " for other paths, or " + SKIP_ENV
                    + "=1 to leave the browser tests out.");
        }
        return p;
    }

    ChromeDriver driver() {
        return driver;
    }

    /**
     * Opens a new tab and switches to it, recording CSP violations there too (the recorder is
     * installed per tab): for a page that must stay open while another person acts in the first.
     *
     * @return the new tab's handle
     */
    String newTab() {
        driver.switchTo().newWindow(org.openqa.selenium.WindowType.TAB);
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", RECORD_CSP_VIOLATIONS));
        return driver.getWindowHandle();
    }

    /** The violations recorded on the current document since it was loaded. */
    List<String> cspViolations() {
        Object v = driver.executeScript("return window.__cspViolations || null;");
        if (!(v instanceof List<?> list)) {
            throw new IllegalStateException("the CSP recorder did not run on " + driver.getCurrentUrl());
        }
        return list.stream().map(String::valueOf).toList();
    }

    /** Console messages since the last call (chromedriver hands each one out once). */
    List<String> consoleMessages() {
        List<String> out = new ArrayList<>();
        for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
            out.add(e.getLevel() + " " + e.getMessage());
        }
        return out;
    }

    /**
     * Fills in and sends the staff login form of the server at {@code base}, as a person would;
     * where the page goes next (by role) is the caller's to wait for.
     */
    void submitLogin(URI base, String username, String password, Duration wait) {
        driver.get(base.resolve("/login").toString());
        new WebDriverWait(driver, wait).until(ExpectedConditions.elementToBeClickable(By.id("username")));
        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("login")).click();
    }

    /** Logs in as a fresh visitor and waits until the page has gone on to {@code landing}. */
    void logIn(URI base, String username, String password, String landing, Duration wait) {
        forgetLogin(base);
        submitLogin(base, username, password, wait);
        new WebDriverWait(driver, wait).until(ExpectedConditions.urlToBe(base.resolve(landing).toString()));
    }

    /** A fresh visitor of {@code base}: on the login page, without the cookie of whoever came before. */
    void forgetLogin(URI base) {
        driver.get(base.resolve("/login").toString());
        driver.manage().deleteAllCookies();
    }

    /**
     * A browser test class's clean-up: closes the browser if it was started, then stops the server
     * if it was, even when closing the browser fails.
     */
    static void closeThenStop(HeadlessChromium chromium, WenzhengServer server) {
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

    /** Ends the browser and its driver (the driver waits for the browser to exit). */
    @Override
    public void close() {
        driver.quit();
    }
}
