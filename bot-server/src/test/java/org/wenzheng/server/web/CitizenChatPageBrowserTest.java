package org.wenzheng.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.wenzheng.app.Assembly;
import org.wenzheng.app.RepoRoot;
import org.wenzheng.app.config.AppConfig;
import org.wenzheng.knowledge.engine.KnowledgeBases;
import org.wenzheng.knowledge.KnowledgeConfig;
import org.wenzheng.server.chat.ChatConfig;
import org.wenzheng.server.chat.ConversationStore;
import org.wenzheng.server.chat.NewMessage;
import org.wenzheng.server.netty.ServerConfig;
import org.wenzheng.server.netty.WenzhengServer;
import org.wenzheng.server.admin.AdminFeature;
import org.wenzheng.server.db.Database;

/**
 * The citizen chat page ({@code /}) in real headless Chromium, against the real server on an
 * ephemeral port: the shipped configuration and sample knowledge base, plus one document whose
 * text holds a {@code <script>}, indexed once into a temporary data folder. One server and one
 * browser for the class; each test loads the page afresh.
 */
@BrowserTest
class CitizenChatPageBrowserTest {
    /** What the page says when the engine is not confident (web/app.js). */
    private static final String NOT_SURE = "暂时无法确定答案";
    /** The injected document: markup in a published text must stay text on the page. */
    private static final String INJECTED_TITLE = "示例市占道停车收费公示";
    private static final String INJECTED_MARKUP = "<script>alert(1)</script>";
    private static final String INJECTED_DOC = """
            ---
            docNumber: 示例城管发〔2025〕7号
            issuer: 示例市城市管理局
            date: 2025-05-01
            category: 政策文件
            status: 有效
            ---
            # %s

            ## 一、收费标准

            本市占道停车收费标准%s为小型汽车每小时2元，夜间二十时至次日八时免费停放。
            """.formatted(INJECTED_TITLE, INJECTED_MARKUP);
    /** Not the shipped 12345: the number on the page must be the configured one. */
    private static final String HOTLINE = "0571-87654321";
    private static final Dimension DESKTOP = new Dimension(1280, 900);
    /** A common phone viewport in CSS pixels (iPhone 12 to 15). */
    private static final Dimension PHONE = new Dimension(390, 844);
    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    static Path data;
    @TempDir
    static Path extraDocs;
    @TempDir
    static Path profile;

    private static HeadlessChromium chromium;
    private static ChromeDriver driver;
    private static WenzhengServer server;
    private static org.wenzheng.server.chat.ConversationHub hub;
    private static URI base;
    private static double threshold;

    @BeforeAll
    static void startServerAndBrowser() throws IOException {
        // The browser first: without one the class fails (or is skipped) before indexing anything.
        chromium = HeadlessChromium.start(profile);
        driver = chromium.driver();

        Files.writeString(extraDocs.resolve(INJECTED_TITLE + ".md"), INJECTED_DOC);
        AppConfig app = AppConfig.load(RepoRoot.find().resolve("config/wenzheng.yaml"), "config/wenzheng.yaml",
                Optional.of(data));
        KnowledgeConfig k = app.knowledgeConfig();
        KnowledgeConfig withInjected = AdminFeature.withSource(k, extraDocs);
        KnowledgeBases.index(withInjected, progress -> { }, false);
        // The rate limit out of the way: it has its own tests, and a page load is several requests.
        ServerConfig config = app.server().withPort(0).withRateLimit(new ServerConfig.RateLimit(100_000, 10_000));
        Database database = Database.open(app.database());
        askedBefore(new ConversationStore(database, java.time.Clock.systemUTC()));
        Assembly assembly = Assembly.builder(config, KnowledgeBases.open(withInjected), database)
                .chat(ChatConfig.DEFAULTS.withHotline(HOTLINE))
                .answerThreshold(k.answerThreshold())
                .build();
        server = assembly.server();
        hub = assembly.conversations();
        base = URI.create("http://127.0.0.1:" + server.start().getPort() + "/");
        threshold = k.answerThreshold();
    }

    /** The 热点问题 these conversations make: the most asked first, as the page must show them. */
    private static final List<String> HOT = List.of("如何申请政府信息公开？", "社保怎么转移");
    /** Asked again and again, but in one conversation: one citizen's question, never shown. */
    private static final String ASKED_BY_ONE = "我家楼下的噪音谁来管";

    /** Conversations of earlier citizens, answered by the bot, stored as the chat stores them. */
    private static void askedBefore(ConversationStore store) {
        // 4 conversations, one in Traditional script: one question, shown as most often written.
        for (String q : List.of("如何申请政府信息公开？", "如何申请政府信息公开？", "如何申請政府信息公開？", "如何申请政府信息公开？")) {
            answered(store, null, q);
        }
        for (int i = 0; i < 3; i++) {
            answered(store, null, "社保怎么转移");
        }
        String one = null;
        for (int i = 0; i < 5; i++) {
            one = answered(store, one, ASKED_BY_ONE);
        }
    }

    private static String answered(ConversationStore store, String conversation, String question) {
        return store.appendExchange(conversation, "web", NewMessage.citizen(question),
                q -> NewMessage.bot("答复", true, 0.9, null, q.seq())).question().conversationId();
    }

    @AfterAll
    static void stop() {
        HeadlessChromium.closeThenStop(chromium, server);
    }

    @BeforeEach
    void openThePage() {
        driver.manage().window().setSize(DESKTOP);
        driver.get(base.toString());
        // A new conversation for each test: the page shows the tab's earlier one again after a reload.
        driver.executeScript("sessionStorage.clear();");
        driver.navigate().refresh();
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.elementToBeClickable(By.id("question")));
    }

    // ------------------------------------------------------------------ page helpers

    /** Types the question as a citizen does, sends it with Enter, and returns the bot's reply. */
    private static WebElement ask(String question) {
        int before = replies().size();
        WebElement input = driver.findElement(By.id("question"));
        input.clear();
        input.sendKeys(question);
        input.sendKeys(Keys.ENTER);
        new WebDriverWait(driver, WAIT).until(d -> replies().size() > before
                && d.findElements(By.cssSelector("#conversation .pending")).isEmpty());
        List<WebElement> all = replies();
        return all.get(all.size() - 1);
    }

    /** The bot's messages, the greeting included, the "searching" placeholder not. */
    private static List<WebElement> replies() {
        return driver.findElements(By.cssSelector("#conversation .message.bot:not(.pending)"));
    }

    private static WebElement conversation() {
        return driver.findElement(By.id("conversation"));
    }

    private static List<String> texts(WebElement within, String css) {
        return within.findElements(By.cssSelector(css)).stream().map(WebElement::getText).toList();
    }

    /** The exact text of an element as the DOM holds it (getText() trims and collapses white space). */
    private static String textContent(WebElement e) {
        return (String) driver.executeScript("return arguments[0].textContent;", e);
    }

    private static void assertNoElementInjected() {
        assertThat(conversation().findElements(By.cssSelector("script, img, iframe, object, embed")))
                .as("elements inside the conversation").isEmpty();
        assertThat(driver.executeScript("return typeof window.__pwned;")).isEqualTo("undefined");
        assertThatThrownBy(() -> driver.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
    }

    // ------------------------------------------------------------------ asking

    @Test
    void aQuestionOverTheLimitIsRefusedInChineseSayingHowLongItMayBe() {
        // 640 characters: pasted, as a long complaint usually is (typed key by key it would take long).
        String question = "我想咨询一下关于社会保险缴费年限的问题。".repeat(32);
        assertThat(question).hasSize(640);
        int before = replies().size();
        WebElement input = driver.findElement(By.id("question"));
        driver.executeScript("arguments[0].value = arguments[1];", input, question);
        input.sendKeys(Keys.ENTER);
        new WebDriverWait(driver, WAIT).until(d -> replies().size() > before
                && d.findElements(By.cssSelector("#conversation .pending")).isEmpty());
        List<WebElement> all = replies();

        assertThat(all.get(all.size() - 1).getText())
                .isEqualTo("问题无法提交：问题最多 500 个字，您输入了 640 个字，请精简后再提问");
        assertThat(EnglishWords.onPage(driver)).isEmpty();
    }

    @Test
    void aCitizenAsksAndSeesAnAnswerCitingItsSource() {
        WebElement reply = ask("如何申请政府信息公开？");

        assertThat(reply.findElements(By.className("unsure"))).isEmpty();
        assertThat(reply.findElement(By.className("answer-text")).getText()).contains("申请");
        // Answered from the FAQ: the answer text ends with its legal basis (依据), so the FAQ entry
        // it came from is headed 来源, as on the command line.
        assertThat(texts(reply, ".section-title")).containsExactly("来源");
        assertThat(texts(reply, ".sources .source-title"))
                .anySatisfy(t -> assertThat(t).contains("《").contains("政府信息公开"));
        assertThat(reply.findElement(By.className("confidence")).getText()).matches("匹配程度：[高中低]");
        // The question stays in the conversation, and the input is emptied for the next one.
        assertThat(texts(conversation(), ".message.user")).containsExactly("如何申请政府信息公开？");
        assertThat(driver.findElement(By.id("question")).getAttribute("value")).isEmpty();
    }

    @Test
    void aQuestionOutsideTheDocumentsGetsTheNotSureMessageInsteadOfAGuess() {
        WebElement reply = ask("今天天气怎么样");

        assertThat(reply.findElement(By.className("unsure")).getText()).isEqualTo(NOT_SURE);
        assertThat(reply.findElements(By.className("answer-text"))).isEmpty();
        assertThat(reply.findElements(By.className("confidence"))).isEmpty();
    }

    @Test
    void theSendButtonAsksToo() {
        driver.findElement(By.id("question")).sendKeys("政府信息公开申请多久答复");
        int before = replies().size();
        driver.findElement(By.id("send")).click();

        new WebDriverWait(driver, WAIT).until(d -> replies().size() > before);
        assertThat(texts(conversation(), ".message.user")).containsExactly("政府信息公开申请多久答复");
    }

    // ------------------------------------------------------------------ the chat socket

    private static String pageSession() {
        return (String) driver.executeScript("return sessionStorage.getItem('wenzheng.session');");
    }

    /** Whether the server has an open chat socket showing this conversation (a push reaches it). */
    private static boolean socketShows(String session) {
        return hub.push(session, java.util.Map.of("type", "ping-from-test")) > 0;
    }

    @Test
    void thePageAsksOverTheChatSocketAndResumesItsConversationAfterAReload() {
        ask("如何申请政府信息公开？");
        String session = pageSession();
        assertThat(session).matches("[A-Za-z0-9_-]{32}");
        assertThat(socketShows(session)).as("the page's socket joined its conversation").isTrue();

        driver.navigate().refresh();

        new WebDriverWait(driver, WAIT).until(d -> socketShows(session));
        WebElement reply = ask("政府信息公开申请多久答复");
        assertThat(reply.findElements(By.className("error"))).isEmpty();
        assertThat(pageSession()).as("the same conversation continues").isEqualTo(session);
    }

    /** The conversation as a citizen reads it: who said it ("user" or "bot") and the main text, in order. */
    private static List<String> transcript() {
        return driver.findElements(By.cssSelector("#conversation .message:not(.pending)")).stream().skip(1)
                .map(m -> m.getAttribute("class").contains("user") ? "user:" + m.getText()
                        : "bot:" + m.findElements(By.cssSelector(".answer-text, .unsure")).stream().findFirst()
                                .map(WebElement::getText).orElse(m.getText()))
                .toList();
    }

    private void theConversationSurvivesAReload() {
        driver.navigate().refresh();
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.elementToBeClickable(By.id("question")));
        String answer = ask("如何申请政府信息公开？").findElement(By.className("answer-text")).getText();
        ask("今天天气怎么样");
        List<String> before = transcript();
        assertThat(before).containsExactly("user:如何申请政府信息公开？", "bot:" + answer, "user:今天天气怎么样",
                "bot:" + NOT_SURE);

        driver.navigate().refresh();

        new WebDriverWait(driver, WAIT).until(d -> transcript().size() == before.size());
        assertThat(transcript()).isEqualTo(before);
        WebElement restored = replies().get(1);
        assertThat(texts(restored, ".sources .source-title")).anySatisfy(t -> assertThat(t).contains("政府信息公开"));
        // The next question continues below the restored ones, and a second reload shows each message once.
        ask("政府信息公开申请多久答复");
        List<String> longer = transcript();
        driver.navigate().refresh();
        new WebDriverWait(driver, WAIT).until(d -> transcript().size() >= longer.size());
        assertThat(transcript()).isEqualTo(longer);
    }

    @Test
    void reloadingTheChatShowsTheConversationAgainOnADesktop() {
        theConversationSurvivesAReload();
    }

    @Test
    void reloadingTheChatShowsTheConversationAgainOnAPhone() {
        driver.manage().window().setSize(PHONE);
        theConversationSurvivesAReload();
        assertThat((Long) driver.executeScript("return document.documentElement.scrollWidth;"))
                .as("page width (wider means sideways scrolling)")
                .isLessThanOrEqualTo((Long) driver.executeScript("return document.documentElement.clientWidth;"));
    }

    @Test
    void aDroppedChatSocketReconnectsWithoutShowingAMessageTwice() {
        @SuppressWarnings("unchecked")
        java.util.Map<String, Object> script = (java.util.Map<String, Object>) (Object) driver.executeCdpCommand(
                "Page.addScriptToEvaluateOnNewDocument", java.util.Map.of("source", """
                        (function () {
                          const Real = window.WebSocket;
                          window.__sockets = [];
                          window.WebSocket = function (url) {
                            const s = new Real(url);
                            window.__sockets.push(s);
                            return s;
                          };
                          window.WebSocket.prototype = Real.prototype;
                        })();"""));
        try {
            driver.executeScript("sessionStorage.clear();");
            driver.navigate().refresh();
            new WebDriverWait(driver, WAIT).until(ExpectedConditions.elementToBeClickable(By.id("question")));
            ask("如何申请政府信息公开？");
            ask("今天天气怎么样");
            List<String> before = transcript();

            driver.executeScript("window.__sockets[0].close();");
            new WebDriverWait(driver, WAIT).until(d -> (Boolean) driver.executeScript(
                    "return window.__sockets.length === 2 && window.__sockets[1].readyState === 1;"));
            // Asked after the resume on the new socket has been answered (the page waits for it).
            ask("政府信息公开申请多久答复");

            List<String> after = transcript();
            assertThat(after).hasSize(before.size() + 2);
            assertThat(after.subList(0, before.size())).isEqualTo(before);
            assertThat(after.get(before.size())).isEqualTo("user:政府信息公开申请多久答复");
        } finally {
            driver.executeCdpCommand("Page.removeScriptToEvaluateOnNewDocument",
                    java.util.Map.of("identifier", script.get("identifier")));
        }
    }

    @Test
    void withoutAWebSocketThePageAsksOverHttp() {
        @SuppressWarnings("unchecked")
        java.util.Map<String, Object> script = (java.util.Map<String, Object>) (Object) driver.executeCdpCommand(
                "Page.addScriptToEvaluateOnNewDocument", java.util.Map.of("source",
                        "window.WebSocket = function () { throw new Error('no sockets here'); };"));
        try {
            driver.executeScript("sessionStorage.clear();");
            driver.navigate().refresh();
            new WebDriverWait(driver, WAIT).until(ExpectedConditions.elementToBeClickable(By.id("question")));

            WebElement reply = ask("如何申请政府信息公开？");

            assertThat(reply.findElement(By.className("answer-text")).getText()).contains("申请");
            String session = pageSession();
            assertThat(session).as("kept from the HTTP answer").matches("[A-Za-z0-9_-]{32}");
            assertThat(socketShows(session)).isFalse();
        } finally {
            driver.executeCdpCommand("Page.removeScriptToEvaluateOnNewDocument",
                    java.util.Map.of("identifier", script.get("identifier")));
        }
    }

    // ------------------------------------------------------------------ injection

    @Test
    void markupInAQuestionIsShownAsTextAndNeverRuns() {
        String question = "<img src=x onerror=\"window.__pwned=1\"><script>window.__pwned=2</script>如何申请政府信息公开";

        ask(question);

        List<WebElement> mine = conversation().findElements(By.cssSelector(".message.user"));
        assertThat(mine).hasSize(1);
        assertThat(textContent(mine.get(0))).isEqualTo(question);
        assertThat(mine.get(0).findElements(By.xpath("./*"))).as("child elements").isEmpty();
        assertNoElementInjected();
    }

    @Test
    void markupInAPublishedDocumentIsShownAsTextAndNeverRuns() {
        WebElement reply = ask("占道停车收费标准是多少");

        assertThat(texts(reply, ".section-title")).containsExactly("依据");
        assertThat(texts(reply, ".sources .source-title")).anySatisfy(t -> assertThat(t).contains(INJECTED_TITLE));
        // Wherever the passage is shown (answer, citation or candidate snippet), it is the literal text.
        assertThat(textContent(reply)).contains("收费标准" + INJECTED_MARKUP + "为小型汽车");
        assertNoElementInjected();
    }

    // ------------------------------------------------------------------ opening a source

    /** The links of a reply's sources, by their text. */
    private static List<WebElement> sourceLinks(WebElement reply) {
        return reply.findElements(By.cssSelector(".sources .source-title a"));
    }

    /** Whether the element is within the visible part of its scrolling container and the window. */
    private static boolean inView(WebElement e) {
        return (Boolean) driver.executeScript("const r = arguments[0].getBoundingClientRect();"
                + " return r.top >= 0 && r.top < window.innerHeight && r.height > 0;", e);
    }

    /** Clicks a citation of the injected document and checks its page on the current window size. */
    private static void opensTheCitedArticleOfADocumentWithoutAnOfficialUrl() {
        WebElement reply = ask("占道停车收费标准是多少");
        WebElement link = sourceLinks(reply).stream().filter(a -> a.getText().contains(INJECTED_TITLE))
                .findFirst().orElseThrow(() -> new AssertionError("no link to " + INJECTED_TITLE + " in "
                        + reply.getText()));
        // The link reads as the citation: title, 文号 and article.
        assertThat(link.getText()).contains("《" + INJECTED_TITLE + "》").contains("示例城管发〔2025〕7号")
                .contains("收费标准");
        assertThat(link.getAttribute("href")).startsWith(base.resolve("/documents/").toString()).contains("?article=");

        link.click();

        new WebDriverWait(driver, WAIT).until(d -> !d.findElements(By.cssSelector("#document .passage.cited")).isEmpty());
        assertThat(driver.findElement(By.className("doc-title")).getText()).contains(INJECTED_TITLE);
        assertThat(driver.findElement(By.cssSelector("#document .source-meta")).getText())
                .contains("示例城管发〔2025〕7号").contains("示例市城市管理局");
        List<WebElement> cited = driver.findElements(By.cssSelector("#document .passage.cited"));
        assertThat(cited).hasSize(1);
        assertThat(cited.get(0).getText()).contains("收费标准").contains("每小时2元");
        assertThat(cited.get(0).getAttribute("aria-current")).isEqualTo("true");
        assertThat(inView(cited.get(0))).as("the cited article is scrolled into view").isTrue();
        // The passage's markup is text here too.
        assertThat(textContent(driver.findElement(By.id("document")))).contains(INJECTED_MARKUP);
        assertThat(driver.findElements(By.cssSelector("#document script, #document img"))).isEmpty();
        long viewport = (Long) driver.executeScript("return document.documentElement.clientWidth;");
        assertThat((Long) driver.executeScript("return document.documentElement.scrollWidth;"))
                .as("page width (wider means sideways scrolling)").isLessThanOrEqualTo(viewport);
        assertThat(chromium.cspViolations()).isEmpty();
        // And back to the chat.
        assertThat(driver.findElement(By.cssSelector(".top a.back")).getAttribute("href")).isEqualTo(base.toString());
    }

    @Test
    void aCitationLinksToItsDocumentPageWithTheCitedArticleHighlightedAndInView() {
        opensTheCitedArticleOfADocumentWithoutAnOfficialUrl();
    }

    @Test
    void onAPhoneTheCitedArticleOfADocumentPageIsInViewWithoutSidewaysScrolling() {
        driver.manage().window().setSize(PHONE);
        driver.navigate().refresh();
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.elementToBeClickable(By.id("question")));

        opensTheCitedArticleOfADocumentWithoutAnOfficialUrl();
    }

    @Test
    void aCitationOfADocumentWithAnOfficialUrlLinksToThatUrl() {
        WebElement reply = ask("行政机关公开政府信息前应当建立什么审查机制");

        assertThat(sourceLinks(reply)).anySatisfy(a -> {
            assertThat(a.getAttribute("href")).startsWith("https://www.example.gov.cn/xxgk/zcwj/fl/");
            assertThat(a.getText()).contains("《示例市政府信息公开办法》").containsPattern("示例府令第\\d+号");
            assertThat(a.getAttribute("rel")).contains("noopener");
        });
    }

    @Test
    void anUnknownDocumentPageSaysSoInChinese() {
        driver.get(base.resolve("/documents/nosuchdocument?article=x").toString());

        new WebDriverWait(driver, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(
                By.id("document"), "没有找到这份文件"));
    }

    // ------------------------------------------------------------------ handing a question to the staff

    @Test
    void theHandToStaffFormIsShownOnceAndLaterUnsureAnswersOfferAButtonToReopenIt() {
        WebElement first = ask("今天天气怎么样");
        assertThat(first.findElements(By.cssSelector(".escalate-form"))).as("the first unsure answer").hasSize(1);

        WebElement second = ask("明天会下雨吗");
        WebElement third = ask("周末去哪里玩");

        for (WebElement later : List.of(second, third)) {
            assertThat(later.findElement(By.className("unsure")).getText()).isEqualTo(NOT_SURE);
            assertThat(later.findElements(By.cssSelector(".escalate-form"))).as("no second form").isEmpty();
            assertThat(later.findElement(By.cssSelector("button.hand-off")).getText()).isEqualTo("转人工：提交给工作人员");
        }
        assertThat(conversation().findElements(By.cssSelector(".escalate-form"))).hasSize(1);

        // By keyboard: a mouse click can land beside the button while the conversation still scrolls.
        third.findElement(By.cssSelector("button.hand-off")).sendKeys(Keys.ENTER);

        new WebDriverWait(driver, WAIT).until(d -> third.findElements(By.cssSelector(".escalate-form")).size() == 1);
        assertThat(third.findElements(By.cssSelector("button.hand-off"))).isEmpty();
        assertThat(driver.switchTo().activeElement().getAttribute("name")).as("focus in the form").isEqualTo("email");
        assertThat(third.findElement(By.cssSelector("button.submit-ticket")).getText()).isEqualTo("提交给工作人员");
    }

    // ------------------------------------------------------------------ how well an answer matched

    /** The engine's confidence in its answer to the question, from the JSON API (as the staff see it). */
    private static double confidenceOf(String question) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve("/api/v1/ask"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"question\":\"" + question + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body()).get("confidence").asDouble();
    }

    @Test
    void anAnswerSaysHowWellItMatchedInWordsByTheConfiguredThresholdNotAsANumber() throws Exception {
        for (String question : List.of("如何申请政府信息公开？", "占道停车收费标准是多少")) {
            WebElement reply = ask(question);
            double c = confidenceOf(question);

            String expected = c >= threshold + (1 - threshold) / 2 ? "高" : c >= threshold ? "中" : "低";
            assertThat(reply.findElement(By.className("confidence")).getText()).as(question + " at " + c)
                    .isEqualTo("匹配程度：" + expected);
            assertThat(reply.getText()).doesNotContain("置信度").doesNotContainPattern("0\\.\\d\\d");
        }
    }

    @Test
    void theChatSettingsGiveThePageTheConfiguredAnswerThreshold() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                base.resolve("/api/v1/chat/settings")).GET().build(), HttpResponse.BodyHandlers.ofString());

        var body = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body());
        assertThat(body.get("answerThreshold").asDouble()).isEqualTo(threshold);
        assertThat(body.get("hotline").asText()).isEqualTo(HOTLINE);
    }

    // ------------------------------------------------------------------ the office's hotline

    @Test
    void theConfiguredHotlineIsShownUnderTheFormAndWithAQuestionNothingAnswers() {
        WebElement note = driver.findElement(By.id("hotline-note"));
        new WebDriverWait(driver, WAIT).until(d -> note.isDisplayed());
        assertThat(note.getText()).isEqualTo("也可拨打 " + HOTLINE + " 咨询。");
        assertThat(note.findElement(By.tagName("a")).getAttribute("href")).isEqualTo("tel:057187654321");

        WebElement reply = ask("今天天气怎么样");

        assertThat(reply.getText()).contains("也可拨打 " + HOTLINE + " 咨询");
        assertThat(reply.findElement(By.cssSelector("a.hotline")).getAttribute("href")).isEqualTo("tel:057187654321");
    }

    @Test
    void onAPhoneTheHotlineIsShownInTheNoteAndFitsTheScreen() {
        driver.manage().window().setSize(PHONE);
        driver.navigate().refresh();
        WebElement note = new WebDriverWait(driver, WAIT).until(ExpectedConditions.visibilityOfElementLocated(
                By.id("hotline-note")));

        assertThat(note.getText()).contains(HOTLINE);
        long viewport = (Long) driver.executeScript("return document.documentElement.clientWidth;");
        WebElement number = note.findElement(By.tagName("a"));
        assertThat(number.getRect().getX() + number.getRect().getWidth()).as("number right edge")
                .isLessThanOrEqualTo((int) viewport);
        assertThat((Long) driver.executeScript("return document.documentElement.scrollWidth;"))
                .isLessThanOrEqualTo(viewport);
    }

    // ------------------------------------------------------------------ 热点问题

    private static List<WebElement> hotButtons() {
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("hot-questions")));
        return driver.findElements(By.cssSelector("#hot-questions button"));
    }

    private void hotQuestionsAreShownAndAskedWithATap() {
        List<WebElement> buttons = hotButtons();
        List<String> shown = buttons.stream().map(WebElement::getText).toList();
        assertThat(shown).as("the most asked first").startsWith(HOT.toArray(String[]::new));
        assertThat(shown).as("asked in one conversation only").doesNotContain(ASKED_BY_ONE);
        assertThat(driver.findElement(By.id("hot-questions")).getText()).contains("热点问题");

        int before = replies().size();
        buttons.get(0).click();
        new WebDriverWait(driver, WAIT).until(d -> replies().size() > before
                && d.findElements(By.cssSelector("#conversation .pending")).isEmpty());
        List<String> asked = texts(conversation(), ".message.user");
        assertThat(asked).containsExactly(HOT.get(0));
        WebElement reply = replies().get(replies().size() - 1);
        assertThat(reply.findElements(By.className("answer-text"))).isNotEmpty();
    }

    @Test
    void theHotQuestionsAreTheMostAskedAnsweredOnesAndATapAsksOneOnADesktop() {
        hotQuestionsAreShownAndAskedWithATap();
    }

    @Test
    void theHotQuestionsAreTheMostAskedAnsweredOnesAndATapAsksOneOnAPhone() {
        driver.manage().window().setSize(PHONE);
        driver.navigate().refresh();
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.elementToBeClickable(By.id("question")));
        long viewport = (Long) driver.executeScript("return document.documentElement.clientWidth;");
        for (WebElement b : hotButtons()) {
            assertThat(b.getRect().getHeight()).as("height of " + b.getText()).isGreaterThanOrEqualTo(44);
            assertThat(b.getRect().getX() + b.getRect().getWidth()).as("right of " + b.getText())
                    .isLessThanOrEqualTo((int) viewport);
        }
        hotQuestionsAreShownAndAskedWithATap();
    }

    // ------------------------------------------------------------------ phones

    @Test
    void onAPhoneTheInputAndTheAnswerFitTheScreenWithoutSidewaysScrolling() throws IOException {
        driver.manage().window().setSize(PHONE);
        driver.navigate().refresh();
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.elementToBeClickable(By.id("question")));

        WebElement reply = ask("如何申请政府信息公开？");

        long viewport = (Long) driver.executeScript("return document.documentElement.clientWidth;");
        assertThat(viewport).as("viewport width").isLessThanOrEqualTo(PHONE.getWidth());
        assertThat((Long) driver.executeScript("return document.documentElement.scrollWidth;"))
                .as("page width (wider means sideways scrolling)").isLessThanOrEqualTo(viewport);
        for (String id : List.of("question", "send")) {
            WebElement e = driver.findElement(By.id(id));
            assertThat(e.isDisplayed()).as(id).isTrue();
            assertThat(e.getRect().getX()).as(id + " left").isGreaterThanOrEqualTo(0);
            assertThat(e.getRect().getX() + e.getRect().getWidth()).as(id + " right").isLessThanOrEqualTo((int) viewport);
        }
        assertThat(reply.isDisplayed()).isTrue();
        assertThat(reply.findElement(By.className("answer-text")).isDisplayed()).isTrue();
        assertThat(reply.getRect().getWidth()).as("answer width").isLessThanOrEqualTo((int) viewport);

        // For people to look at, not asserted: the answer at phone width, once the page's smooth
        // scroll has brought its end into view.
        new WebDriverWait(driver, WAIT).until(d -> (Boolean) driver.executeScript(
                "return arguments[0].getBoundingClientRect().bottom"
                        + " <= arguments[1].getBoundingClientRect().bottom + 1;", reply, conversation()));
        Path shots = Path.of(System.getProperty("user.dir"), "target", "screenshots");
        Files.createDirectories(shots);
        Files.write(shots.resolve("citizen-chat-phone.png"), driver.getScreenshotAs(OutputType.BYTES));
    }

    /** Loads the page afresh at phone size. */
    private static void onAPhone() {
        driver.manage().window().setSize(PHONE);
        driver.navigate().refresh();
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.elementToBeClickable(By.id("question")));
    }

    @Test
    void onAPhoneTheMessagesGetAtLeastThreeQuartersOfTheHeight() {
        onAPhone();
        // The hotline note in the footer is shown once the settings came: measure with it.
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("hotline-note")));

        long height = (Long) driver.executeScript("return window.innerHeight;");
        int messages = conversation().getRect().getHeight();
        int chrome = driver.findElement(By.className("top")).getRect().getHeight()
                + driver.findElement(By.id("ask-form")).getRect().getHeight()
                + driver.findElement(By.className("note")).getRect().getHeight();
        assertThat(messages).as("message area of %d px (header, input and disclaimer take %d px)", height, chrome)
                .isGreaterThanOrEqualTo((int) (height * 0.75));
        assertThat(driver.findElement(By.className("note")).getText())
                .as("the disclaimer still warns against personal data").contains("仅供参考").contains("个人信息");
        assertThat((Long) driver.executeScript("return document.documentElement.scrollHeight;"))
                .as("the page itself does not scroll: the messages do").isLessThanOrEqualTo(height);
    }

    /**
     * Where the lines of an element's shown text break, as the browser laid it out: for each break,
     * the last character before it, or a space when the break is at white space.
     */
    @SuppressWarnings("unchecked")
    private static List<String> lineEnds(WebElement e) {
        return (List<String>) driver.executeScript("""
                const ends = [];
                const walker = document.createTreeWalker(arguments[0], NodeFilter.SHOW_TEXT);
                let lastTop = null, lastChar = null, space = false;
                for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                  if (node.parentElement.offsetParent === null) continue;
                  for (let i = 0; i < node.data.length; i++) {
                    if (!node.data[i].trim()) { space = true; continue; }
                    const r = document.createRange();
                    r.setStart(node, i);
                    r.setEnd(node, i + 1);
                    const rect = r.getClientRects()[0];
                    if (!rect) continue;
                    if (lastTop !== null && rect.top > lastTop + 2) ends.push(space ? ' ' : lastChar);
                    lastTop = rect.top;
                    lastChar = node.data[i];
                    space = false;
                  }
                }
                return ends;""", e);
    }

    @Test
    void onAPhoneTheSubtitleAndTheDisclaimerBreakOnlyAfterPunctuationNeverInsideAWord() {
        onAPhone();
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("hotline-note")));
        for (WebElement text : List.of(driver.findElement(By.cssSelector(".top p")),
                driver.findElement(By.className("note")))) {
            assertThat(text.isDisplayed()).isTrue();
            assertThat(lineEnds(text)).as("the last character before each line break of '%s'", text.getText())
                    .allSatisfy(c -> assertThat(c).as("a space or punctuation").isIn(" ", "：", "，", "。", "、", "；"));
        }
    }

    @Test
    void onAPhoneEveryControlOfTheChatIsAtLeast44PixelsEachWay() {
        onAPhone();
        ask("如何申请政府信息公开？");
        driver.findElement(By.cssSelector("#conversation .not-helpful")).click();
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#conversation input[type=checkbox]")));

        List<WebElement> controls = driver.findElements(By.cssSelector(
                "button, textarea, input:not([type=checkbox]), summary"));
        assertThat(controls).as("controls on the page").hasSizeGreaterThan(3);
        for (WebElement c : controls) {
            if (!c.isDisplayed()) {
                continue;
            }
            String name = c.getTagName() + " " + (c.getText().isBlank() ? c.getAttribute("name") : c.getText());
            assertThat(c.getRect().getHeight()).as("height of " + name).isGreaterThanOrEqualTo(44);
            assertThat(c.getRect().getWidth()).as("width of " + name).isGreaterThanOrEqualTo(44);
        }
        // A checkbox is hit anywhere on its label (the label holds it): that is its target.
        List<WebElement> boxes = driver.findElements(By.cssSelector("input[type=checkbox]"));
        assertThat(boxes).isNotEmpty();
        for (WebElement box : boxes) {
            WebElement label = box.findElement(By.xpath("ancestor::label"));
            assertThat(label.getRect().getHeight()).as("height of the label of " + box.getAttribute("name"))
                    .isGreaterThanOrEqualTo(44);
            assertThat(box.getRect().getHeight()).as("the box itself, to see").isGreaterThanOrEqualTo(20);
            label.click();
            assertThat(box.isSelected()).as("a tap on the label ticks it").isTrue();
        }
    }

    // ------------------------------------------------------------------ Content-Security-Policy

    @Test
    void thePageSendsAContentSecurityPolicyAndBreaksNoneOfIt() throws Exception {
        HttpResponse<Void> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(base).GET().build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                assertThat(csp).contains("default-src 'self'").contains("script-src 'self'"));

        ask("如何申请政府信息公开？");
        ask("今天天气怎么样");

        assertThat(chromium.cspViolations()).isEmpty();
        assertThat(chromium.consoleMessages()).noneSatisfy(m -> assertThat(m).contains("Content Security Policy"));
    }

    /** Proves the check above can fail: markup that tries to run inline script is blocked and seen. */
    @Test
    void anInlineScriptIsBlockedByThePolicyAndReported() {
        chromium.consoleMessages();

        driver.executeScript("const s = document.createElement('script');"
                + " s.textContent = 'window.__pwned = 3;'; document.body.appendChild(s);");

        new WebDriverWait(driver, WAIT).until(d -> !chromium.cspViolations().isEmpty());
        assertThat(chromium.cspViolations()).anySatisfy(v -> assertThat(v).startsWith("script-src"));
        assertThat(driver.executeScript("return typeof window.__pwned;")).isEqualTo("undefined");
        assertThat(chromium.consoleMessages()).anySatisfy(m -> assertThat(m).contains("Content Security Policy"));
    }
}
