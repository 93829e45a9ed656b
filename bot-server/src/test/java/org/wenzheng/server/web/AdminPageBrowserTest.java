package org.wenzheng.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.wenzheng.app.Assembly;
import org.wenzheng.app.RepoRoot;
import org.wenzheng.app.config.AppConfig;
import org.wenzheng.knowledge.IndexProgress;
import org.wenzheng.knowledge.engine.KnowledgeBases;
import org.wenzheng.knowledge.KnowledgeConfig;
import org.wenzheng.server.netty.ServerConfig;
import org.wenzheng.server.netty.WenzhengServer;
import org.wenzheng.server.admin.AdminConfig;
import org.wenzheng.server.admin.AdminFeature;
import org.wenzheng.server.chat.SwappableKnowledgeBase;
import org.wenzheng.server.db.Database;
import org.wenzheng.server.faq.ProposalFixtures;

/**
 * The admin page in real headless Chromium with the shipped configuration's demo accounts: an
 * administrator logs in, creates an account, approves an FAQ proposal whose answer carries
 * injected markup, and the citizen chat then answers the question, the markup shown as text on
 * both pages. An officer sees the tickets section only.
 */
@BrowserTest
class AdminPageBrowserTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String QUESTION = "人民公园的游船几点停止营业？";
    private static final String INJECTED = "<script>window.__pwned=1</script><img src=x onerror=\"window.__pwned=2\">";
    private static final String ANSWER = "游船每天18:00停止营业。" + INJECTED;

    @TempDir
    static Path data;
    @TempDir
    static Path profile;

    private static HeadlessChromium chromium;
    private static ChromeDriver driver;
    private static WenzhengServer server;
    private static URI base;
    private static long proposalId;
    private static final ReindexGate REINDEX_GATE = new ReindexGate();

    @BeforeAll
    static void startServerAndBrowser() throws Exception {
        chromium = HeadlessChromium.start(profile);
        driver = chromium.driver();
        AppConfig app = AppConfig.load(RepoRoot.find().resolve("config/wenzheng.yaml"), "config/wenzheng.yaml",
                Optional.of(data));
        AdminConfig admin = app.admin();
        Files.createDirectories(admin.uploadsDir());
        KnowledgeConfig k = AdminFeature.withSource(app.knowledgeConfig(), admin.uploadsDir());
        KnowledgeBases.index(k, progress -> { }, false);
        SwappableKnowledgeBase served = new SwappableKnowledgeBase(KnowledgeBases.open(k));
        ServerConfig config = app.server().withPort(0).withRateLimit(new ServerConfig.RateLimit(100_000, 10_000));
        server = Assembly.builder(config, served, Database.open(app.database())).staff(app.staff()
                // The login limit out of the way too: it has its own tests, and each test here logs in.
                .withLoginRateLimit(new ServerConfig.RateLimit(100_000, 10_000))).admin(admin, k)
                .reindexProgress(REINDEX_GATE).reports(app.reports(), app.calendar()).build().server();
        base = URI.create("http://127.0.0.1:" + server.start().getPort() + "/");
        try (Connection c = DriverManager.getConnection(app.database().url(), "", "")) {
            proposalId = ProposalFixtures.insertPending(c, "WZ-20261120-0201", QUESTION, ANSWER,
                    "[{\"title\":\"示例市公园管理规定<b>粗体</b>\",\"article\":\"第九条\"}]");
        }
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
        chromium.logIn(base, username, password, "/admin", WAIT);
    }

    private static WebElement awaitVisible(By by) {
        return new WebDriverWait(driver, WAIT).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    private static Object pwned() {
        return driver.executeScript("return window.__pwned;");
    }

    @Test
    void anAdministratorCreatesAnAccountApprovesAProposalAndTheChatAnswersWithTheMarkupAsText() {
        logIn("admin", "demo-admin-2026");

        awaitVisible(By.cssSelector("#accounts-table tr[data-username='admin']"));
        driver.findElement(By.id("new-username")).sendKeys("xiaoli");
        driver.findElement(By.id("new-display-name")).sendKeys("小李");
        new Select(driver.findElement(By.id("new-role"))).selectByValue("officer");
        driver.findElement(By.id("create-account")).click();

        WebElement once = awaitVisible(By.id("password-once"));
        assertThat(once.getText()).contains("xiaoli").containsPattern("[A-Za-z0-9_-]{16}$");
        awaitVisible(By.cssSelector("#accounts-table tr[data-username='xiaoli']"));

        driver.findElement(By.cssSelector("a[href='#faq']")).click();
        WebElement card = awaitVisible(By.cssSelector(".proposal[data-id='" + proposalId + "']"));
        assertThat(card.findElement(By.cssSelector("textarea.answer")).getAttribute("value")).isEqualTo(ANSWER);
        assertThat(card.findElements(By.cssSelector(".citation input")).get(0).getAttribute("value"))
                .isEqualTo("示例市公园管理规定<b>粗体</b>");
        assertThat(driver.findElements(By.cssSelector("#proposals script, #proposals img, #proposals b"))).isEmpty();
        card.findElement(By.cssSelector("button.approve")).click();
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"),
                "已批准"));
        assertThat(driver.findElements(By.cssSelector(".proposal[data-id='" + proposalId + "']"))).isEmpty();
        assertThat(pwned()).isNull();

        driver.get(base.toString());
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.elementToBeClickable(By.id("question")));
        int before = driver.findElements(By.cssSelector("#conversation .message.bot:not(.pending)")).size();
        WebElement input = driver.findElement(By.id("question"));
        input.sendKeys("人民公园游船几点停止营业");
        input.sendKeys(Keys.ENTER);
        new WebDriverWait(driver, WAIT).until(d -> d.findElements(By.cssSelector(
                "#conversation .message.bot:not(.pending)")).size() > before
                && d.findElements(By.cssSelector("#conversation .pending")).isEmpty());
        List<WebElement> replies = driver.findElements(By.cssSelector("#conversation .message.bot:not(.pending)"));
        String reply = replies.get(replies.size() - 1).getText();

        assertThat(reply).contains("游船每天18:00停止营业。").contains("<script>window.__pwned=1</script>");
        assertThat(driver.findElements(By.cssSelector("#conversation script, #conversation img"))).isEmpty();
        assertThat(pwned()).isNull();
        assertThat(chromium.consoleMessages()).noneSatisfy(m -> assertThat(m).contains("Content Security Policy"));
    }

    @Test
    void reindexProgressSaysTheDocumentsAreBeingReadUntilTheTotalIsKnownThenCountsThem() throws Exception {
        try (ReindexGate.Run run = REINDEX_GATE.arm()) {
            logIn("admin", "demo-admin-2026");
            driver.findElement(By.cssSelector("a[href='#documents']")).click();
            awaitVisible(By.id("reindex")).click();

            run.awaitBegun();
            new WebDriverWait(driver, WAIT).until(ExpectedConditions.textToBe(By.id("reindex-status"),
                    "正在重建索引：正在读取文档列表…"));
            assertThat(driver.findElement(By.id("reindex")).isEnabled()).as("no second run meanwhile").isFalse();

            run.letTheDocumentsBeListed();
            IndexProgress counted = run.awaitCounted();
            assertThat(counted.documents()).isPositive();
            assertThat(counted.totalDocuments()).isGreaterThanOrEqualTo(counted.documents());
            String counts = "正在重建索引：已处理 " + counted.documents() + "/" + counted.totalDocuments() + " 个文档，"
                    + counted.passages() + " 个段落，每秒 " + Math.round(counted.rate()) + " 个段落";
            new WebDriverWait(driver, WAIT).until(ExpectedConditions.textToBe(By.id("reindex-status"), counts));
            assertThat(driver.findElement(By.id("reindex-status")).getText()).doesNotContain("?");
            assertThat(driver.findElement(By.id("reindex")).isEnabled()).isFalse();

            run.letItFinish();
            new WebDriverWait(driver, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(
                    By.id("reindex-status"), "索引已重建并启用：" + counted.totalDocuments() + " 个文档，"));
            new WebDriverWait(driver, WAIT).until(ExpectedConditions.elementToBeClickable(By.id("reindex")));
        }
    }

    /**
     * The server's re-index runs, held where the test says when armed: as a run begins (before the
     * documents are listed), and at the first count of documents the page can read. Unarmed, runs
     * pass straight through.
     */
    static final class ReindexGate implements Consumer<IndexProgress> {
        /** Long enough for any slow machine, short enough that a broken test ends. */
        private static final long WAIT_SECONDS = 30;

        private volatile Run armed;

        /** Holds the next run; closing the returned run lets it (and later runs) through. */
        Run arm() {
            Run r = new Run();
            armed = r;
            return r;
        }

        @Override
        public void accept(IndexProgress p) {
            Run r = armed;
            if (r == null || p.stage() != IndexProgress.Stage.TEXT) {
                return;
            }
            if (p.totalDocuments() == 0 && r.begun.getCount() > 0) {
                r.begun.countDown();
                hold(r.listing);
            } else if (p.totalDocuments() > 0 && r.counted.getCount() > 0) {
                r.progress = p;
                r.counted.countDown();
                hold(r.finishing);
            }
        }

        private static void hold(CountDownLatch latch) {
            try {
                if (!latch.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the test never let the re-index go on");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        final class Run implements AutoCloseable {
            private final CountDownLatch begun = new CountDownLatch(1);
            private final CountDownLatch listing = new CountDownLatch(1);
            private final CountDownLatch counted = new CountDownLatch(1);
            private final CountDownLatch finishing = new CountDownLatch(1);
            private volatile IndexProgress progress;

            /** Waits until the run has begun and is held before it lists the documents. */
            void awaitBegun() throws InterruptedException {
                await(begun, "no re-index began");
            }

            void letTheDocumentsBeListed() {
                listing.countDown();
            }

            /** Waits until the run is held at its first count; returns that count as the status shows it. */
            IndexProgress awaitCounted() throws InterruptedException {
                await(counted, "the re-index counted no documents");
                return progress;
            }

            void letItFinish() {
                close();
            }

            private static void await(CountDownLatch latch, String failure) throws InterruptedException {
                if (!latch.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
                    throw new AssertionError(failure);
                }
            }

            @Override
            public void close() {
                armed = null;
                listing.countDown();
                finishing.countDown();
            }
        }
    }

    @Test
    void onAPhoneATableWiderThanTheScreenSaysItScrollsAndShadowsItsHiddenEdgeAndOnADesktopNot() {
        driver.manage().window().setSize(new Dimension(390, 844));
        try {
            logIn("admin", "demo-admin-2026");
            awaitVisible(By.cssSelector("#accounts-table tr[data-username='admin']"));
            WebElement wrap = driver.findElement(By.xpath("//table[@id='accounts-table']/parent::div"));
            assertThat((Boolean) driver.executeScript("return arguments[0].scrollWidth > arguments[0].clientWidth;",
                    wrap)).as("the table is wider than the phone").isTrue();

            WebElement hint = awaitVisible(By.cssSelector("#accounts .scroll-hint"));
            assertThat(hint.getText()).contains("左右滑动");
            assertThat(wrap.getCssValue("box-shadow")).as("shadow on the right edge").contains("-12px");

            driver.executeScript("arguments[0].scrollLeft = arguments[0].scrollWidth;", wrap);
            new WebDriverWait(driver, WAIT).until(d -> !wrap.getCssValue("box-shadow").contains("-12px"));
            assertThat(wrap.getCssValue("box-shadow")).as("at the end: the shadow on the left edge only")
                    .contains("12px");

            driver.manage().window().setSize(new Dimension(1280, 900));
            new WebDriverWait(driver, WAIT).until(ExpectedConditions.invisibilityOf(hint));
            assertThat(wrap.getCssValue("box-shadow")).as("the table fits: no shadow").isEqualTo("none");
        } finally {
            driver.manage().window().setSize(new Dimension(1280, 900));
        }
    }

    @Test
    void theLastYearButtonShowsTheWholeOfLastYear() {
        logIn("admin", "demo-admin-2026");
        driver.get(base.resolve("/admin#reports").toString());
        By lastYear = By.cssSelector("[data-report-period='last-year']");
        awaitVisible(lastYear);
        int year = java.time.LocalDate.now().getYear() - 1;

        driver.findElement(lastYear).click();

        new WebDriverWait(driver, WAIT).ignoring(StaleElementReferenceException.class).until(d ->
                d.findElement(By.cssSelector("#report p")).getText().contains(year + "-01-01 至 " + year + "-12-31"));
        assertThat(driver.findElement(By.id("report-xlsx")).getAttribute("href"))
                .endsWith("?from=" + year + "-01-01&to=" + (year + 1) + "-01-01&format=xlsx");
    }

    @Test
    void anAdministratorPicksAPeriodAndSeesTheReportTablesWithACsvLink() {
        logIn("admin", "demo-admin-2026");
        driver.get(base.resolve("/admin#reports").toString());
        awaitVisible(By.id("report-load"));
        WebElement from = driver.findElement(By.id("report-from"));
        driver.executeScript("arguments[0].value = '2026-01-01';", from);
        driver.executeScript("arguments[0].value = '2027-01-01';", driver.findElement(By.id("report-to")));

        driver.findElement(By.id("report-load")).click();

        // The section shows the default period first and is drawn again for the chosen one: wait for that one.
        new WebDriverWait(driver, WAIT).ignoring(StaleElementReferenceException.class).until(d ->
                // Questions, hotline, interviews, letters, tickets, disclosure, what is not available.
                d.findElements(By.cssSelector("#report table")).size() == 7
                        && d.findElement(By.cssSelector("#report p")).getText().contains("2026-01-01"));
        assertThat(driver.findElement(By.cssSelector("#report p")).getText()).contains("2026-01-01", "2026-12-31");
        assertThat(driver.findElements(By.cssSelector("#report th")).stream().map(WebElement::getText).toList())
                .contains("渠道", "转人工办理（工单）", "来电", "通话中答复", "提问人次", "嘉宾现场答复", "会后答复",
                        "信箱", "投诉", "按期答复", "一 本年新收");
        String csv = driver.findElement(By.id("report-csv")).getAttribute("href");
        assertThat(csv).endsWith("/api/v1/admin/reports?from=2026-01-01&to=2027-01-01&format=csv");
        Object type = driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "fetch(arguments[0]).then(r => done(r.status + ' ' + r.headers.get('Content-Type')));", csv);
        assertThat((String) type).startsWith("200 text/csv");
        String xlsx = driver.findElement(By.id("report-xlsx")).getAttribute("href");
        assertThat(xlsx).endsWith("/api/v1/admin/reports?from=2026-01-01&to=2027-01-01&format=xlsx");
        Object workbook = driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "fetch(arguments[0]).then(r => done(r.status + ' ' + r.headers.get('Content-Type')));", xlsx);
        assertThat((String) workbook).isEqualTo("200 application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        // general: the department of the fixture's ticket, which this server (no ticket desk) has no name for.
        assertThat(EnglishWords.onPage(driver, "admin", "general")).isEmpty();
    }

    @Test
    void theDocumentsSectionReadsInChineseAfterAnUploadAndAReindex(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("停车收费管理办法.md"),
                "# 停车收费管理办法\n\n第一条 为规范停车收费，制定本办法。\n", StandardCharsets.UTF_8);
        logIn("admin", "demo-admin-2026");
        driver.findElement(By.cssSelector("a[href='#documents']")).click();
        WebElement upload = awaitVisible(By.id("upload-file"));
        // The label's sentence keeps its limit inside it (a broken label read 不超过 / 2.0 MB / ）on three lines).
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.textMatches(By.id("upload-limit"),
                java.util.regex.Pattern.compile(".+")));
        assertThat(driver.executeScript("const limit = document.getElementById('upload-limit');"
                + "const r = document.createRange(); r.setStart(limit.closest('label'), 0); r.setEndAfter(limit);"
                + "return new Set([...r.getClientRects()].filter(x => x.width > 0).map(x => Math.round(x.top))).size;"))
                .as("lines from the label's start to its limit").isEqualTo(1L);
        upload.sendKeys(file.toString());
        driver.findElement(By.id("upload")).click();
        awaitVisible(By.xpath("//*[@id='uploads-table']//td[.='停车收费管理办法.md']"));
        driver.findElement(By.id("reindex")).click();
        new WebDriverWait(driver, WAIT).until(d -> {
            String s = d.findElement(By.id("reindex-status")).getText();
            return !s.isEmpty() && !s.startsWith("正在");
        });

        assertThat(EnglishWords.onPage(driver, "admin")).isEmpty();
    }

    @Test
    void anOfficerSeesTheTicketsSectionOnly() {
        logIn("officer", "demo-officer-2026");

        awaitVisible(By.id("tickets"));
        assertThat(driver.findElements(By.cssSelector(".admin-nav a")).stream().filter(WebElement::isDisplayed)
                .map(WebElement::getText).toList()).containsExactly("工单", "回访", "我的访谈");
        assertThat(driver.findElement(By.linkText("我的访谈")).getAttribute("href")).endsWith("/interviews");
        assertThat(driver.findElement(By.id("accounts")).isDisplayed()).isFalse();
        driver.get(base.resolve("/admin#faq").toString());
        awaitVisible(By.id("tickets"));
        assertThat(driver.findElement(By.id("faq")).isDisplayed()).isFalse();
    }
}
