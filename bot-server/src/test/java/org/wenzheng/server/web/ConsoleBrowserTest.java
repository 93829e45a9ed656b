package org.wenzheng.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
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
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.wenzheng.app.Assembly;
import org.wenzheng.app.RepoRoot;
import org.wenzheng.app.config.AppConfig;
import org.wenzheng.knowledge.engine.KnowledgeBases;
import org.wenzheng.knowledge.KnowledgeConfig;
import org.wenzheng.server.netty.ServerConfig;
import org.wenzheng.server.netty.WenzhengServer;
import org.wenzheng.server.admin.AdminFeature;
import org.wenzheng.server.staff.StaffConfig;
import org.wenzheng.server.db.Database;

/**
 * The operator console in real headless Chromium, with the shipped configuration (the demo
 * operator on extension 8001, the demo PBX token) and one extra document whose text holds a
 * {@code <script>}: search with highlights, the keyboard, the document panel, copying an answer
 * into the clipboard and the call log, and a PBX call popping up without a reload.
 */
@BrowserTest
class ConsoleBrowserTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String DEMO_PBX_TOKEN = "demo-pbx-token-2026-not-secret";
    private static final String INJECTED_TITLE = "示例市占道停车收费公示";
    private static final String INJECTED_MARKUP = "<script>window.__pwned=1</script>";
    private static final String INJECTED_DOC = """
            ---
            docNumber: 示例城管发〔2025〕7号
            issuer: 示例市城市管理局
            date: 2025-05-01
            status: 有效
            ---
            # %s

            ## 一、收费标准

            本市占道停车收费标准%s为小型汽车每小时2元，夜间二十时至次日八时免费停放。
            """.formatted(INJECTED_TITLE, INJECTED_MARKUP);

    /** Rules of which only 第五条 shares a word with a question on 宅基地; the rest treat the same matter. */
    private static final String HOMESTEAD = """
            # 示例市农村宅基地管理办法

            第三条 村民建造住房应当符合乡镇国土空间规划。

            第四条 申请建房的，由本人向村民委员会提出书面申请。

            第五条 农村村民一户只能拥有一处宅基地。

            第六条 建房占地面积不得超过规定标准。
            """;

    @TempDir
    static Path data;
    @TempDir
    static Path extraDocs;
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
        Files.writeString(extraDocs.resolve(INJECTED_TITLE + ".md"), INJECTED_DOC);
        Files.writeString(extraDocs.resolve("示例市农村宅基地管理办法.md"), HOMESTEAD);
        AppConfig app = AppConfig.load(RepoRoot.find().resolve("config/wenzheng.yaml"), "config/wenzheng.yaml",
                Optional.of(data));
        KnowledgeConfig k = app.knowledgeConfig();
        KnowledgeConfig withInjected = AdminFeature.withSource(k, extraDocs);
        KnowledgeBases.index(withInjected, progress -> { }, false);
        ServerConfig config = app.server().withPort(0).withRateLimit(new ServerConfig.RateLimit(100_000, 10_000));
        // Each test logs in afresh: more logins within a minute than the configured limit allows one person.
        StaffConfig staff = app.staff().withLoginRateLimit(new ServerConfig.RateLimit(1_000, 1_000));
        server = Assembly.builder(config, KnowledgeBases.open(withInjected), Database.open(app.database()))
                .staff(staff).tickets(app.tickets().orElseThrow(), app.deadlines())
                .hotline(app.hotline(), name -> Optional.empty()).build().server();
        base = URI.create("http://127.0.0.1:" + server.start().getPort() + "/");
        // The page may write to and read from the clipboard, as an operator's browser would allow it.
        driver.executeCdpCommand("Browser.grantPermissions", Map.of("origin", base.toString().replaceAll("/$", ""),
                "permissions", List.of("clipboardReadWrite", "clipboardSanitizedWrite")));
    }

    @AfterAll
    static void stop() {
        HeadlessChromium.closeThenStop(chromium, server);
    }

    @BeforeEach
    void logInAsTheDemoOperator() {
        driver.manage().window().setSize(new Dimension(1280, 900));
        chromium.logIn(base, "operator", "demo-operator-2026", "/console", WAIT);
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.textToBe(By.id("link-state"), "来电推送已连接"));
        chromium.consoleMessages();
    }

    /** The PBX reports a started call to the demo operator's extension. */
    private static void pbxCallStarted(String caller) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve("/api/v1/calls"))
                .header("Authorization", "Bearer " + DEMO_PBX_TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"event\":\"started\",\"callId\":\"" + UUID.randomUUID()
                        + "\",\"caller\":\"" + caller + "\",\"extension\":\"8001\"}", StandardCharsets.UTF_8))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    private static List<WebElement> results() {
        return driver.findElements(By.cssSelector("#results li"));
    }

    private static int selectedResult() {
        List<WebElement> r = results();
        for (int i = 0; i < r.size(); i++) {
            if ("true".equals(r.get(i).getAttribute("aria-selected"))) {
                return i;
            }
        }
        return -1;
    }

    private static void search(String text) {
        WebElement q = driver.findElement(By.id("q"));
        q.clear();
        q.sendKeys(text);
        new WebDriverWait(driver, WAIT).until(d -> results().size() >= 3);
    }

    @Test
    void aPbxCallPopsUpOnTheOpenConsoleWithoutAReload() throws Exception {
        driver.executeScript("window.__samePage = true;");

        pbxCallStarted("13812345678");

        new WebDriverWait(driver, WAIT).until(ExpectedConditions.textToBe(By.id("call-caller"), "138****5678"));
        assertThat(driver.executeScript("return window.__samePage === true;")).as("no reload").isEqualTo(true);
        assertThat(driver.findElement(By.id("incoming")).isDisplayed()).isTrue();
        assertThat(driver.findElement(By.id("incoming")).getText()).contains("新来电：138****5678");
        assertThat(driver.findElement(By.id("call-extension")).getText()).isEqualTo("分机 8001");
        new WebDriverWait(driver, WAIT).until(d -> d.findElement(By.id("today")).getText().contains("138****5678"));
        assertThat(driver.getPageSource()).doesNotContain("13812345678");
        assertThat(chromium.cspViolations()).isEmpty();
    }

    @Test
    void anOperatorSearchesMovesWithTheArrowsOpensADocumentAndCopiesTheAnswerIntoTheCallLog() throws Exception {
        pbxCallStarted("13912345678");
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.textToBe(By.id("call-caller"), "139****5678"));
        String callId = String.valueOf(driver.executeScript(
                "return document.querySelector('#today li.current').dataset.call;"));

        search("依申请公开的答复期限");

        assertThat(driver.findElements(By.cssSelector("#results li mark"))).isNotEmpty()
                .allSatisfy(m -> assertThat(m.getText()).isNotBlank());
        WebElement q = driver.findElement(By.id("q"));
        boolean faqShown = driver.findElement(By.id("answer")).isDisplayed();
        int start = selectedResult();
        assertThat(start).isEqualTo(faqShown ? -1 : 0);
        q.sendKeys(Keys.ARROW_DOWN);
        if (faqShown) {
            assertThat(selectedResult()).isZero();
            q.sendKeys(Keys.ARROW_DOWN);
        }
        assertThat(selectedResult()).isEqualTo(1);
        q.sendKeys(Keys.ARROW_DOWN, Keys.ARROW_UP);
        assertThat(selectedResult()).isEqualTo(1);
        String title = results().get(1).findElement(By.className("hit-title")).getText();

        q.sendKeys(Keys.ENTER);

        new WebDriverWait(driver, WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("doc")));
        assertThat(title).startsWith("《" + driver.findElement(By.id("doc-title")).getText() + "》");
        assertThat(driver.findElements(By.cssSelector("#doc-passages p.current"))).hasSize(1);
        assertThat(EnglishWords.onPage(driver, "operator")).as("the console with a call, results and a document").isEmpty();

        q.sendKeys(Keys.chord(Keys.CONTROL, Keys.ENTER));

        new WebDriverWait(driver, WAIT).until(d -> !d.findElement(By.id("log-answer")).getAttribute("value").isEmpty());
        String logged = driver.findElement(By.id("log-answer")).getAttribute("value");
        assertThat(logged).contains("\n——" + title);
        assertThat(driver.findElement(By.id("log-question")).getAttribute("value")).isEqualTo("依申请公开的答复期限");
        Object clipboard = driver.executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "navigator.clipboard.readText().then(done, e => done('unreadable: ' + e));");
        assertThat(clipboard).isEqualTo(logged);
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.textMatches(By.id("log-state"), 
                java.util.regex.Pattern.compile("^已保存")));
        Object stored = driver.executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "fetch('/api/v1/staff/calls/' + arguments[0]).then(r => r.json())"
                        + ".then(j => done(j.call.answerGiven), e => done('failed: ' + e));", callId);
        assertThat(stored).as("saved with the call").isEqualTo(logged);
        assertThat(chromium.cspViolations()).isEmpty();
        screenshot("console-desktop.png");
    }

    @Test
    void theConsoleFitsAPhoneScreen() throws Exception {
        driver.manage().window().setSize(new Dimension(390, 844));
        try {
            search("政府信息公开申请");
            results().get(0).click();
            new WebDriverWait(driver, WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("doc")));

            assertThat(driver.executeScript("return document.documentElement.scrollWidth <= window.innerWidth;"))
                    .as("no sideways scrolling").isEqualTo(true);
            screenshot("console-phone.png");
        } finally {
            driver.manage().window().setSize(new Dimension(1280, 900));
        }
    }

    private static void screenshot(String name) throws IOException {
        Path shots = Path.of(System.getProperty("user.dir"), "target", "screenshots");
        Files.createDirectories(shots);
        Files.write(shots.resolve(name), driver.getScreenshotAs(OutputType.BYTES));
    }

    @Test
    void anOperatorEscalatesTheCallWithTheCallersConsentAndReadsTheTicketToThem() throws Exception {
        pbxCallStarted("13512345678");
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.textToBe(By.id("call-caller"), "135****5678"));
        driver.findElement(By.id("log-question")).sendKeys("小区门口的路灯坏了一个月没人修");

        driver.findElement(By.id("escalate")).click();
        assertThat(driver.findElement(By.id("esc-state")).getText()).isEqualTo("请先征得来电人同意留存回访电话。");
        driver.findElement(By.id("esc-consent")).click();
        driver.findElement(By.id("escalate")).click();

        new WebDriverWait(driver, WAIT).until(d -> d.findElement(By.id("call-ticket")).getText().contains("工单号 WZ-"));
        assertThat(driver.findElement(By.id("call-ticket")).getText()).contains("查询码", "承办部门", "办理期限");
        assertThat(driver.findElement(By.id("escalation")).isDisplayed()).isFalse();
        new WebDriverWait(driver, WAIT).until(d -> d.findElement(By.id("today")).getText().contains("工单 WZ-"));
        assertThat(chromium.cspViolations()).isEmpty();
    }

    @Test
    void theShortcutKeysWorkOutsideTheSearchBox() {
        search("政府信息公开申请");
        driver.executeScript("document.activeElement.blur();");
        Actions keys = new Actions(driver);

        keys.sendKeys("c").perform();

        new WebDriverWait(driver, WAIT).until(d -> !d.findElement(By.id("log-answer")).getAttribute("value").isEmpty());
        assertThat(driver.findElement(By.id("log-answer")).getAttribute("value")).contains("——《");

        keys.sendKeys("/").perform();
        assertThat(driver.switchTo().activeElement().getAttribute("id")).isEqualTo("q");
        assertThat(driver.findElement(By.id("q")).getAttribute("value")).as("the key is not typed")
                .isEqualTo("政府信息公开申请");

        driver.executeScript("document.activeElement.blur();");
        keys.sendKeys("?").perform();
        WebElement help = driver.findElement(By.id("help"));
        assertThat(help.isDisplayed()).isTrue();
        assertThat(help.getText()).contains("Ctrl+Enter", "聚焦检索框");
        keys.sendKeys(Keys.ESCAPE).perform();
        assertThat(help.isDisplayed()).isFalse();
    }

    @Test
    void escClosesTheOpenDocumentAndKeepsTheQuery() {
        search("政府信息公开申请");
        WebElement q = driver.findElement(By.id("q"));
        q.sendKeys(Keys.ENTER);
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("doc")));
        int shown = results().size();

        q.sendKeys(Keys.ESCAPE);

        new WebDriverWait(driver, WAIT).until(ExpectedConditions.invisibilityOfElementLocated(By.id("doc")));
        assertThat(q.getAttribute("value")).as("the query stays").isEqualTo("政府信息公开申请");
        assertThat(driver.switchTo().activeElement().getAttribute("id")).isEqualTo("q");
        assertThat(results()).as("the results stay").hasSize(shown);
    }

    @Test
    void altCAndAltMActFromTheSearchBoxWhereCAndMAreTyped() {
        search("政府信息公开申请");
        new WebDriverWait(driver, WAIT).until(d -> results().size() == 10);
        WebElement q = driver.findElement(By.id("q"));

        q.sendKeys(Keys.chord(Keys.ALT, "c"));

        new WebDriverWait(driver, WAIT).until(d -> !d.findElement(By.id("log-answer")).getAttribute("value").isEmpty());
        assertThat(driver.findElement(By.id("log-answer")).getAttribute("value")).contains("——《");
        assertThat(q.getAttribute("value")).as("nothing typed").isEqualTo("政府信息公开申请");

        q.sendKeys(Keys.chord(Keys.ALT, "m"));

        new WebDriverWait(driver, WAIT).until(d -> results().size() > 10);
        assertThat(q.getAttribute("value")).as("nothing typed").isEqualTo("政府信息公开申请");
        assertThat(driver.switchTo().activeElement().getAttribute("id")).isEqualTo("q");

        q.sendKeys("cm");
        assertThat(q.getAttribute("value")).as("plain letters are typed").isEqualTo("政府信息公开申请cm");
        assertThat(driver.findElement(By.id("help")).getAttribute("textContent")).contains("Alt+C", "Alt+M");
    }

    /**
     * Pinyin typed through an input method, the way Chromium reports it: composition updates
     * ("依申请g" … "依申请gongkai", each an input event while composing), then the chosen 公开
     * committed. Between the keystrokes the test leaves the pause a person leaves, longer than the
     * page's search delay: a timer of the page itself, so the page's own delay has run out when it
     * ends. Only the committed query may be searched.
     */
    @Test
    void pinyinIsSearchedOnlyOnceTheInputMethodCommitsIt() {
        WebElement q = driver.findElement(By.id("q"));
        q.clear();
        q.sendKeys("依申请");
        driver.executeScript("window.__searched = [];"
                + "const real = window.fetch;"
                + "window.fetch = function (url, options) {"
                + "  const u = String(url);"
                + "  if (u.startsWith('/api/v1/search')) {"
                + "    window.__searched.push(new URLSearchParams(u.slice(u.indexOf('?'))).get('q'));"
                + "  }"
                + "  return real.apply(this, arguments);"
                + "};");
        new WebDriverWait(driver, WAIT).until(d -> !results().isEmpty());
        driver.executeScript("window.__searched.length = 0;");

        for (String pinyin : List.of("g", "gong", "gongk", "gongkai")) {
            driver.executeCdpCommand("Input.imeSetComposition", Map.of("text", pinyin,
                    "selectionStart", pinyin.length(), "selectionEnd", pinyin.length()));
            assertThat(q.getAttribute("value")).isEqualTo("依申请" + pinyin);
            driver.executeAsyncScript("setTimeout(arguments[arguments.length - 1], 500);");
        }
        driver.executeCdpCommand("Input.insertText", Map.of("text", "公开"));

        assertThat(q.getAttribute("value")).isEqualTo("依申请公开");
        new WebDriverWait(driver, WAIT).until(d -> !((List<?>) driver.executeScript("return window.__searched;"))
                .isEmpty());
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.textMatches(By.id("search-state"),
                java.util.regex.Pattern.compile("^共 ")));
        assertThat(driver.executeScript("return window.__searched;")).isEqualTo(List.of("依申请公开"));
    }

    @Test
    void theArticlesNextToTheBestMatchAreListedAndMarkedAsItsNeighbours() {
        search("一户能有几处宅基地");
        // The first screen is the best matches by their words (here the question's common characters
        // fill it); the neighbours come right after it.
        if (driver.findElement(By.id("more")).isDisplayed()) {
            driver.findElement(By.id("more")).click();
            new WebDriverWait(driver, WAIT).until(d -> results().size() > 10);
        }

        List<String> titles = results().stream().map(li -> li.findElement(By.className("hit-title")).getText())
                .toList();
        assertThat(titles.get(0)).contains("示例市农村宅基地管理办法》第五条").doesNotContain("紧邻");
        assertThat(titles).anySatisfy(t -> assertThat(t).contains("》第四条").contains("紧邻第五条"))
                .anySatisfy(t -> assertThat(t).contains("》第六条").contains("紧邻第五条"));
    }

    @Test
    void downFromTheLastResultOrMShowsTheNextScreenKeepingTheSelection() {
        search("政府信息公开申请");
        new WebDriverWait(driver, WAIT).until(d -> results().size() == 10);
        WebElement more = driver.findElement(By.id("more"));
        assertThat(more.isDisplayed()).as("a full screen offers more").isTrue();
        WebElement q = driver.findElement(By.id("q"));
        for (int i = 0; i < 10; i++) {
            q.sendKeys(Keys.ARROW_DOWN);
        }
        assertThat(selectedResult()).isEqualTo(9);

        q.sendKeys(Keys.ARROW_DOWN);

        new WebDriverWait(driver, WAIT).until(d -> results().size() > 10);
        assertThat(results()).hasSizeLessThanOrEqualTo(20);
        assertThat(selectedResult()).as("the selection stays where it was").isEqualTo(9);
        int shown = results().size();
        driver.executeScript("document.activeElement.blur();");
        if (shown == 20) {
            new Actions(driver).sendKeys("m").perform();
            new WebDriverWait(driver, WAIT).until(d -> results().size() > 20);
        }
        assertThat(driver.findElement(By.id("search-state")).getText()).isEqualTo("共 " + results().size() + " 条结果");
        assertThat(chromium.cspViolations()).isEmpty();
    }

    @Test
    void anInjectedScriptInASearchedDocumentStaysText() {
        search("占道停车收费标准");

        WebElement hit = results().stream().filter(li -> li.getText().contains(INJECTED_TITLE)).findFirst()
                .orElseThrow(() -> new AssertionError("the injected document is among the results"));
        assertThat(driver.findElements(By.cssSelector("#results script, #results img"))).isEmpty();
        hit.click();
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("doc")));
        assertThat(driver.findElement(By.id("doc-passages")).getText()).contains(INJECTED_MARKUP);
        assertThat(driver.findElements(By.cssSelector("#doc script, #doc img"))).isEmpty();
        assertThat(driver.executeScript("return window.__pwned === undefined;")).isEqualTo(true);
        assertThat(chromium.cspViolations()).isEmpty();
    }
}
