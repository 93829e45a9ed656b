package org.wenzheng.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.results.Check;
import com.deque.html.axecore.results.CheckedNode;
import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.wenzheng.app.Assembly;
import org.wenzheng.app.config.AppConfig;
import org.wenzheng.knowledge.KnowledgeConfig;
import org.wenzheng.knowledge.engine.KnowledgeBases;
import org.wenzheng.server.admin.AdminConfig;
import org.wenzheng.server.admin.AdminFeature;
import org.wenzheng.server.db.Database;
import org.wenzheng.server.db.SqlTimes;
import org.wenzheng.testing.HeldMails;
import org.wenzheng.server.netty.ServerConfig;
import org.wenzheng.server.chat.ChatConfig;
import org.wenzheng.server.chat.SwappableKnowledgeBase;
import org.wenzheng.server.netty.WenzhengServer;

/**
 * The citizen pages checked by axe-core (Deque's rules, WCAG 2.0 and 2.1, levels A and AA) in real
 * headless Chromium against the real server with the sample site: the chat page with an answer and
 * its citation, and with the hand-off form open after an unsure answer; 办件查询 (/track); the staff
 * login; and the staff pages: /admin's tabs (账号, 文档, FAQ 审核, 工单, 报表, and the mail bridge's 发件箱
 * and 隔离邮件 with a row each) and /admin/interviews as the demo administrator, /console as the demo
 * operator, a live interview's moderator and guest pages as the demo moderator and officer. Each at a desktop window and a 390 px phone, where the layout
 * (and so contrast over the backgrounds, and which tables scroll) differs.
 */
@BrowserTest
class AccessibilityBrowserTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final Dimension DESKTOP = new Dimension(1280, 900);
    private static final Dimension PHONE = new Dimension(390, 844);
    private static final List<Dimension> WINDOWS = List.of(DESKTOP, PHONE);
    private static final List<String> WCAG = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");
    /** Rules not yet met, each with its reason; empty when every rule is checked. */
    private static final Set<String> NOT_YET = Set.of();

    @TempDir
    static Path data;
    @TempDir
    static Path profile;

    private static final String PARKING_FEES = """
            ---
            docNumber: 示例城管发〔2025〕7号
            issuer: 示例市城市管理局
            date: 2025-05-01
            category: 政策文件
            status: 有效
            ---
            # 示例市占道停车收费公示

            ## 一、收费标准

            本市占道停车收费标准为小型汽车每小时2元，夜间二十时至次日八时免费停放。
            """;

    private static HeadlessChromium chromium;
    private static ChromeDriver driver;
    private static WenzhengServer server;
    private static URI base;

    @BeforeAll
    static void startServerAndBrowser() throws Exception {
        chromium = HeadlessChromium.start(profile);
        driver = chromium.driver();
        AppConfig app = SampleSite.config(data);
        // The sample has no parking fees: the chat page's own test adds this notice, and so does this one,
        // so that the question is answered with a citation.
        // It goes where /admin uploads go, so that the admin page's documents are those served.
        AdminConfig admin = app.admin();
        Files.createDirectories(admin.uploadsDir());
        Files.writeString(admin.uploadsDir().resolve("示例市占道停车收费公示.md"), PARKING_FEES);
        KnowledgeConfig k = AdminFeature.withSource(app.knowledgeConfig(), admin.uploadsDir());
        KnowledgeBases.index(k, progress -> { }, false);
        ServerConfig config = app.server().withPort(0).withRateLimit(new ServerConfig.RateLimit(100_000, 10_000));
        server = Assembly.builder(config, new SwappableKnowledgeBase(KnowledgeBases.open(k)), Database.open(app.database()))
                .answerThreshold(k.answerThreshold())
                .chat(ChatConfig.DEFAULTS)
                // Each staff page is opened after a fresh login: more than the configured limit allows a person.
                .staff(app.staff().withLoginRateLimit(new ServerConfig.RateLimit(100_000, 10_000)))
                .tickets(app.tickets().orElseThrow(), app.deadlines()).admin(admin, k)
                .reports(app.reports(), app.calendar()).hotline(app.hotline(), name -> Optional.empty())
                .mail(app.mail().withPorts(freePort(), freePort()), data.resolve("mail"))
                .interviews(app.interviews(), app.knowledge().stopPhrasesFile())
                .build().server();
        base = URI.create("http://127.0.0.1:" + server.start().getPort() + "/");
        seedMailAndAnInterview(app.database().url());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** The live interview the moderator's and the guest's pages show. */
    private static long interview;
    /** The citizen's ticket the seeded outbox row and held reply belong to. */
    private static String ticketCode;

    /**
     * What the pages of the mail bridge and of the interviews list, so that their rows and buttons
     * are checked too: a notice that failed for good (as the outbox keeps it) and a held reply to a
     * citizen's ticket; a live interview with the demo moderator and guest, one question given to
     * the guest and one still waiting.
     */
    private static void seedMailAndAnInterview(String jdbcUrl) throws Exception {
        JsonNode ticket = StaffApi.citizen(base).post("/api/v1/tickets", StaffApi.JSON.createObjectNode()
                .put("question", "小区的健身器材坏了谁负责维修").put("channel", "web"));
        String code = ticket.path("code").asText();
        ticketCode = code;
        try (Connection c = DriverManager.getConnection(jdbcUrl, "", "");
                PreparedStatement s = c.prepareStatement("INSERT INTO outbox (id, ticket_code, connector, kind,"
                        + " payload, status, attempts, next_attempt_at, last_error, created_at) VALUES (?, ?, 'mail',"
                        + " 'escalation', '{}', 'failed', 1, ?, ?, ?)")) {
            Instant now = Instant.now();
            s.setString(1, "a11y-failed-1");
            s.setString(2, code);
            SqlTimes.set(s, 3, now);
            s.setString(4, "550 5.1.1 Recipient address rejected");
            SqlTimes.set(s, 5, now);
            s.executeUpdate();
        }
        HeldMails.hold(jdbcUrl, code, "stranger@example.org", "Re: [" + code + "] 健身器材", "健身器材已由物业报修。");

        StaffApi admin = StaffApi.logIn(base, "admin", "demo-admin-2026");
        long officer = admin.staffId("officers", "officer");
        interview = admin.post("/api/v1/admin/interviews", StaffApi.JSON.createObjectNode()
                .put("title", "社保政策在线访谈").put("description", "市人社局负责人与网友在线交流。")
                .put("startsAt", "2026-11-26T10:00:00+08:00").put("endsAt", "2026-11-26T12:00:00+08:00")
                .put("moderator", admin.staffId("moderators", "moderator"))
                .set("guests", StaffApi.JSON.createArrayNode().add(StaffApi.JSON.createObjectNode()
                        .put("account", officer).put("title", "市人社局副局长")))).path("id").asLong();
        admin.post("/api/v1/admin/interviews/" + interview + "/start", StaffApi.JSON.createObjectNode());
        StaffApi citizen = StaffApi.citizen(base);
        long given = citizen.post("/api/v1/interviews/" + interview + "/questions", StaffApi.JSON.createObjectNode()
                .put("question", "小区门口的路灯坏了三个月，谁来修？")).path("questionId").asLong();
        citizen.post("/api/v1/interviews/" + interview + "/questions", StaffApi.JSON.createObjectNode()
                .put("question", "退休后医保个人账户的钱还能用吗？"));
        admin.post("/api/v1/interviews/" + interview + "/questions/" + given + "/assign",
                StaffApi.JSON.createObjectNode().put("guest", officer));
    }

    @AfterAll
    static void stop() {
        HeadlessChromium.closeThenStop(chromium, server);
    }

    /** Opens {@code path} at {@code window} as a new visitor and waits for {@code ready} to be clickable. */
    private static void open(Dimension window, String path, String ready) {
        driver.manage().window().setSize(window);
        driver.get(base.resolve(path).toString());
        driver.executeScript("localStorage.clear(); sessionStorage.clear();");
        driver.navigate().refresh();
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.elementToBeClickable(By.id(ready)));
    }

    /** Asks on the chat page as a citizen does and returns the bot's reply. */
    private static WebElement ask(String question) {
        By replies = By.cssSelector("#conversation .message.bot:not(.pending)");
        int before = driver.findElements(replies).size();
        WebElement input = driver.findElement(By.id("question"));
        input.sendKeys(question, Keys.ENTER);
        new WebDriverWait(driver, WAIT).until(d -> d.findElements(replies).size() > before
                && d.findElements(By.cssSelector("#conversation .pending")).isEmpty());
        List<WebElement> all = driver.findElements(replies);
        return all.get(all.size() - 1);
    }

    /** axe's violations on the current document, one line per rule with its impact and nodes. */
    private static List<String> violations(String page, Dimension window) {
        Results results = new AxeBuilder().withTags(WCAG).analyze(driver);
        assertThat(results.isErrored()).as("axe ran on " + page).isFalse();
        List<String> out = new ArrayList<>();
        for (Rule rule : results.getViolations()) {
            if (NOT_YET.contains(rule.getId())) {
                continue;
            }
            StringBuilder line = new StringBuilder(page + " @" + window.width + "px: " + rule.getId()
                    + " (" + rule.getImpact() + ") " + rule.getHelp());
            for (CheckedNode node : rule.getNodes()) {
                line.append("\n    ").append(node.getTarget()).append(' ').append(node.getFailureSummary()
                        .replace('\n', ' '));
            }
            out.add(line.toString());
        }
        // A rule axe could not decide is a check not made: it fails too, with axe's reason, unless it is
        // a contrast axe leaves open for its own want of means, which the test then measures itself.
        for (Rule rule : results.getIncomplete()) {
            StringBuilder line = new StringBuilder();
            for (CheckedNode node : rule.getNodes()) {
                List<Check> checks = new ArrayList<>();
                List.of(node.getAny(), node.getAll(), node.getNone()).forEach(checks::addAll);
                if (rule.getId().equals("color-contrast") && checks.stream().allMatch(
                        c -> MEASURED_HERE.contains(messageKey(c)))) {
                    String measured = contrastMeasuredHere(node);
                    if (measured == null) {
                        continue;
                    }
                    line.append("\n    ").append(node.getTarget()).append(' ').append(measured);
                    continue;
                }
                line.append("\n    ").append(node.getTarget());
                checks.forEach(c -> line.append(' ').append(c.getMessage()));
            }
            if (!line.isEmpty()) {
                out.add(page + " @" + window.width + "px: undecided " + rule.getId() + " " + rule.getHelp() + line);
            }
        }
        System.out.println("axe " + page + " @" + window.width + "px: " + out.size() + " rule(s) violated or undecided");
        return out;
    }

    /**
     * Why axe leaves a contrast open where the test can measure it instead: text it sees partly covered
     * where the element is only partly in view (a cell at the edge of a table that scrolls sideways, a
     * line below the fold of a scrolling {@code <main>}) or, for every {@code <textarea>}, from a known
     * fault of its own (dequelabs/axe-core#4947, #4508); text too short for it to call text ("0", "–").
     * Not a 1:1 ratio (text as its background: invisible) nor a background image: those stay failures.
     */
    private static final Set<String> MEASURED_HERE = Set.of("elmPartiallyObscured", "elmPartiallyObscuring",
            "shortTextContent");

    private static String messageKey(Check check) {
        return check.getData() instanceof java.util.Map<?, ?> data ? String.valueOf(data.get("messageKey")) : "";
    }

    /**
     * The contrast of the node's text against the backgrounds painted beneath it in the document's
     * order, its own and its ancestors' down to the first opaque one (the page's white below all),
     * with the opacity of each ancestor: null when it meets WCAG 1.4.3 (4.5:1, 3:1 for large text),
     * else what was measured. A background image on the way is not measured: it fails.
     */
    private static String contrastMeasuredHere(CheckedNode node) {
        Object target = node.getTarget();
        String selector = target instanceof List<?> parts && parts.size() == 1 ? String.valueOf(parts.get(0))
                : String.valueOf(target);
        return (String) driver.executeScript("""
                const e = document.querySelector(arguments[0]);
                if (!e) { return 'not found'; }
                const rgba = (c) => { const v = (c.match(/[\\d.]+/g) || []).map(Number); return [v[0], v[1], v[2], v.length > 3 ? v[3] : 1]; };
                const over = (top, under) => top.slice(0, 3).map((x, i) => x * top[3] + under[i] * (1 - top[3])).concat([1]);
                const layers = [];
                let opacity = 1;
                for (let n = e; n; n = n.parentElement) {
                  const s = getComputedStyle(n);
                  if (s.backgroundImage !== 'none') { return 'over a background image of ' + n.tagName.toLowerCase(); }
                  opacity *= Number(s.opacity);
                  const c = rgba(s.backgroundColor);
                  if (c[3] > 0) { layers.push(c); }
                  if (c[3] === 1) { break; }
                }
                let bg = [255, 255, 255, 1];
                for (let i = layers.length - 1; i >= 0; i--) { bg = over(layers[i], bg); }
                const s = getComputedStyle(e), fgOwn = rgba(s.color);
                const fg = over([fgOwn[0], fgOwn[1], fgOwn[2], fgOwn[3] * opacity], bg);
                const lum = (c) => { const v = c.slice(0, 3).map((x) => { x /= 255; return x <= 0.04045 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4); });
                  return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2]; };
                const a = lum(fg), b = lum(bg), ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
                const px = parseFloat(s.fontSize), large = px >= 24 || (px >= 18.66 && Number(s.fontWeight) >= 700);
                const needed = large ? 3 : 4.5;
                return ratio >= needed ? null : 'measured ' + ratio.toFixed(2) + ':1 (needs ' + needed + ':1), text rgb('
                  + fg.slice(0, 3).map(Math.round).join(', ') + ') on rgb(' + bg.slice(0, 3).map(Math.round).join(', ') + ')';
                """, selector);
    }

    @Test
    void theChatPageWithAnAnswerAndItsCitationHasNoViolations() {
        List<String> found = new ArrayList<>();
        for (Dimension window : WINDOWS) {
            open(window, "/", "question");
            WebElement reply = ask("占道停车收费标准是多少");
            assertThat(reply.findElements(By.cssSelector(".sources .source"))).as("a citation").isNotEmpty();
            assertThat(reply.findElements(By.className("unsure"))).as("an answer, not an unsure reply").isEmpty();
            found.addAll(violations("/ answered", window));
        }
        assertThat(found).as(String.join("\n", found)).isEmpty();
    }

    @Test
    void theChatPageWithTheHandOffFormOpenHasNoViolations() {
        List<String> found = new ArrayList<>();
        for (Dimension window : WINDOWS) {
            open(window, "/", "question");
            WebElement reply = ask("今天天气怎么样");
            assertThat(reply.findElement(By.className("unsure")).getText()).isEqualTo("暂时无法确定答案");
            assertThat(reply.findElement(By.cssSelector("input[name=email]")).isDisplayed()).isTrue();
            found.addAll(violations("/ unsure", window));
        }
        assertThat(found).as(String.join("\n", found)).isEmpty();
    }

    @Test
    void theTrackPageHasNoViolations() {
        List<String> found = new ArrayList<>();
        for (Dimension window : WINDOWS) {
            open(window, "/track", "track-code");
            found.addAll(violations("/track", window));
        }
        assertThat(found).as(String.join("\n", found)).isEmpty();
    }

    @Test
    void theLoginPageHasNoViolations() {
        List<String> found = new ArrayList<>();
        for (Dimension window : WINDOWS) {
            open(window, "/login", "username");
            found.addAll(violations("/login", window));
        }
        assertThat(found).as(String.join("\n", found)).isEmpty();
    }
    /**
     * Walks the page with Tab from the top, as a keyboard user does, and lists each control whose
     * focus is not plainly visible: no outline of at least 2 px (Chromium's own ring is 1 px and
     * easy to miss on the red header) and no box shadow instead, or an outline of less than 3:1
     * against the background it is drawn over.
     */
    private static List<String> focusNotVisible(String page) {
        return focusWalk(page).problems();
    }

    /** What a walk with Tab found: the controls whose focus is not plainly visible, and every control reached, in order. */
    private record FocusWalk(List<String> problems, List<WebElement> reached) {
    }

    /** More Tab presses than any page here needs, fields of a date box included: a walk that does not end is stuck. */
    private static final int MAX_TAB_STEPS = 200;

    /** As {@link #focusNotVisible}, and the controls reached. */
    private static FocusWalk focusWalk(String page) {
        // Focusing the body moves Tab's starting point to the top: after /admin#faq it is the #faq section.
        driver.executeScript("""
                document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0);
                document.body.tabIndex = -1; document.body.focus(); document.body.removeAttribute('tabindex');
                """);
        List<String> out = new ArrayList<>();
        List<WebElement> seen = new ArrayList<>();
        boolean ended = false;
        new Actions(driver).sendKeys(Keys.TAB).perform();
        for (int step = 0; step < MAX_TAB_STEPS && !ended; step++) {
            WebElement focused = driver.switchTo().activeElement();
            // Tab steps through a date-and-time box's fields (年, 月, 日, 时, 分) within the one
            // control: the walk goes on through them rather than taking the box for the way back.
            if (!seen.isEmpty() && focused.equals(seen.get(seen.size() - 1))) {
                new Actions(driver).sendKeys(Keys.TAB).perform();
                continue;
            }
            if (focused.getTagName().equals("body") || seen.contains(focused)) {
                ended = true;
                continue;
            }
            seen.add(focused);
            String problem = (String) driver.executeScript("""
                    const e = arguments[0], s = getComputedStyle(e);
                    const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
                    const name = () => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className ? '.' + String(e.className).trim().split(/\\s+/).join('.') : '')
                      + ' "' + (e.textContent || e.name || '').trim().slice(0, 20) + '" outline ' + s.outlineStyle + ' ' + s.outlineWidth
                      + ' ' + s.outlineColor;
                    if (!outline) { return s.boxShadow !== 'none' ? null : name(); }
                    // The outline is drawn around the control, over its parent's background: WCAG 1.4.11
                    // asks 3:1 of it there (the --focus blue is 1.0:1 on the red header).
                    const rgb = (c) => (c.match(/[\\d.]+/g) || []).map(Number);
                    let under = e.parentElement, bg = null;
                    for (; under; under = under.parentElement) {
                      const c = rgb(getComputedStyle(under).backgroundColor);
                      if (c.length === 3 || (c.length === 4 && c[3] > 0)) { bg = c; break; }
                    }
                    bg = bg || [255, 255, 255];
                    const lum = (c) => {
                      const v = c.slice(0, 3).map((x) => { x /= 255; return x <= 0.04045 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4); });
                      return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2];
                    };
                    const a = lum(rgb(s.outlineColor)), b = lum(bg);
                    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
                    return ratio >= 3 ? null : name() + ' over rgb(' + bg.slice(0, 3).join(', ') + '): ' + ratio.toFixed(2) + ':1';
                    """, focused);
            if (problem != null) {
                out.add(page + ": " + problem);
            }
            // Tab to the page, not typed into the control: a file input takes typed keys for a file name.
            new Actions(driver).sendKeys(Keys.TAB).perform();
        }
        assertThat(seen).as("controls reached with Tab on " + page).isNotEmpty();
        assertThat(ended).as("the walk with Tab on " + page + " leaves the page or comes back round within "
                + MAX_TAB_STEPS + " presses").isTrue();
        return new FocusWalk(out, seen);
    }

    @Test
    void everyControlOfTheCitizenPagesShowsItsKeyboardFocus() {
        List<String> found = new ArrayList<>();
        for (Dimension window : WINDOWS) {
            open(window, "/", "question");
            assertThat(ask("占道停车收费标准是多少").findElements(By.className("unsure"))).isEmpty();
            found.addAll(focusNotVisible("/ answered @" + window.width + "px"));
            open(window, "/", "question");
            ask("今天天气怎么样");
            found.addAll(focusNotVisible("/ unsure @" + window.width + "px"));
            open(window, "/track", "track-code");
            found.addAll(focusNotVisible("/track @" + window.width + "px"));
            open(window, "/login", "username");
            found.addAll(focusNotVisible("/login @" + window.width + "px"));
        }
        assertThat(found).as(String.join("\n", found)).isEmpty();
    }

    /** The admin page's tabs an administrator works in, by their fragment and a control that shows the tab is open. */
    private static final List<List<String>> ADMIN_TABS = List.of(List.of("accounts", "new-username"),
            List.of("documents", "upload-file"), List.of("faq", "faq"), List.of("tickets", "ticket-refresh"),
            List.of("reports", "report-load"));

    /** Logs in as {@code username} at {@code window} and opens {@code path}, waiting for {@code ready} to show. */
    private static void openAsStaff(Dimension window, String username, String password, String landing, String path,
            String ready) {
        driver.manage().window().setSize(window);
        chromium.logIn(base, username, password, landing, WAIT);
        driver.get(base.resolve(path).toString());
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id(ready)));
    }

    @Test
    void theAdminPageTabsHaveNoViolations() {
        List<String> found = new ArrayList<>();
        for (Dimension window : WINDOWS) {
            for (List<String> tab : ADMIN_TABS) {
                openAsStaff(window, "admin", "demo-admin-2026", "/admin", "/admin#" + tab.get(0), tab.get(1));
                found.addAll(violations("/admin#" + tab.get(0), window));
            }
        }
        assertThat(found).as(String.join("\n", found)).isEmpty();
    }

    @Test
    void theOperatorConsoleHasNoViolations() {
        List<String> found = new ArrayList<>();
        for (Dimension window : WINDOWS) {
            openAsStaff(window, "operator", "demo-operator-2026", "/console", "/console", "q");
            new WebDriverWait(driver, WAIT).until(ExpectedConditions.textToBe(By.id("link-state"), "来电推送已连接"));
            found.addAll(violations("/console", window));
        }
        assertThat(found).as(String.join("\n", found)).isEmpty();
    }

    /**
     * Walks the page with Tab as {@link #focusNotVisible} does and checks that each control shown and
     * enabled in its {@code <main>} is among those reached: a staff action only the mouse can reach
     * is a problem too.
     */
    private static List<String> everyControlReached(String page) {
        FocusWalk walk = focusWalk(page);
        List<String> out = new ArrayList<>(walk.problems());
        for (WebElement control : driver.findElements(By.cssSelector("main button, main input, main select,"
                + " main textarea, main a[href], main [tabindex='0']"))) {
            if (control.isDisplayed() && control.isEnabled() && !walk.reached().contains(control)) {
                out.add(page + ": not reached with Tab: " + control.getTagName() + " \"" + control.getText()
                        + "\" " + control.getDomAttribute("id"));
            }
        }
        return out;
    }

    @Test
    void everyControlOfTheStaffPagesShowsItsKeyboardFocus() {
        List<String> found = new ArrayList<>();
        for (Dimension window : WINDOWS) {
            for (List<String> tab : ADMIN_TABS) {
                openAsStaff(window, "admin", "demo-admin-2026", "/admin", "/admin#" + tab.get(0), tab.get(1));
                found.addAll(everyControlReached("/admin#" + tab.get(0) + " @" + window.width + "px"));
            }
            // The desk's actions on a ticket: take, assign, transfer, reply, close…
            openAsStaff(window, "admin", "demo-admin-2026", "/admin", "/admin#tickets/" + ticketCode, "ticket-detail");
            found.addAll(everyControlReached("/admin#tickets/" + ticketCode + " @" + window.width + "px"));
            openAsStaff(window, "operator", "demo-operator-2026", "/console", "/console", "q");
            found.addAll(everyControlReached("/console @" + window.width + "px"));
        }
        assertThat(found).as(String.join("\n", found)).isEmpty();
    }

    /** The mail bridge's tabs of /admin, each with the seeded row that shows it has loaded. */
    private static final List<List<String>> MAIL_TABS = List.of(
            List.of("outbox", "#outbox-table tr[data-id='a11y-failed-1'] button"),
            List.of("held", "#held-table tbody tr button"));

    /**
     * The interview pages, by path, the account that works there (username, password, landing) and
     * a selector that shows the page has loaded its data.
     */
    private static List<List<String>> interviewPages() {
        return List.of(
                List.of("/admin/interviews", "admin", "demo-admin-2026", "/admin", "#events li button"),
                List.of("/interview/" + interview + "/moderate", "moderator", "demo-moderator-2026", "/interviews",
                        "#queued .entry"),
                List.of("/interview/" + interview + "/guest", "officer", "demo-officer-2026", "/admin",
                        "#open .entry textarea"));
    }

    /** Logs in and opens {@code path} at {@code window}, waiting for {@code ready} (a CSS selector) to show. */
    private static void openAsStaffUntil(Dimension window, String username, String password, String landing,
            String path, String ready) {
        driver.manage().window().setSize(window);
        chromium.logIn(base, username, password, landing, WAIT);
        driver.get(base.resolve(path).toString());
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(ready)));
    }

    @Test
    void theAdminPagesMailTabsHaveNoViolations() {
        List<String> found = new ArrayList<>();
        for (Dimension window : WINDOWS) {
            for (List<String> tab : MAIL_TABS) {
                openAsStaffUntil(window, "admin", "demo-admin-2026", "/admin", "/admin#" + tab.get(0), tab.get(1));
                found.addAll(violations("/admin#" + tab.get(0), window));
            }
        }
        assertThat(found).as(String.join("\n", found)).isEmpty();
    }

    @Test
    void theInterviewPagesOfTheAdministratorModeratorAndGuestHaveNoViolations() {
        List<String> found = new ArrayList<>();
        for (Dimension window : WINDOWS) {
            for (List<String> page : interviewPages()) {
                openAsStaffUntil(window, page.get(1), page.get(2), page.get(3), page.get(0), page.get(4));
                found.addAll(violations(page.get(0), window));
            }
        }
        assertThat(found).as(String.join("\n", found)).isEmpty();
    }

    @Test
    void everyControlOfTheMailTabsAndTheInterviewPagesShowsItsKeyboardFocus() {
        List<String> found = new ArrayList<>();
        for (Dimension window : WINDOWS) {
            for (List<String> tab : MAIL_TABS) {
                openAsStaffUntil(window, "admin", "demo-admin-2026", "/admin", "/admin#" + tab.get(0), tab.get(1));
                found.addAll(focusNotVisible("/admin#" + tab.get(0) + " @" + window.width + "px"));
            }
            for (List<String> page : interviewPages()) {
                openAsStaffUntil(window, page.get(1), page.get(2), page.get(3), page.get(0), page.get(4));
                // Those after the form's date boxes too: the walk once took a box's second field for
                // the way back and stopped there.
                found.addAll(everyControlReached(page.get(0) + " @" + window.width + "px"));
            }
        }
        assertThat(found).as(String.join("\n", found)).isEmpty();
    }

    /**
     * The pages met on the way that the tests above do not open: a cited document's page, the public
     * interview page, the error page of an unknown address; the moderator's 我的访谈 list, a
     * ticket's detail on the desk, and the console with results and a document open.
     */
    @Test
    void thePagesMetOnTheWayHaveNoViolations() {
        List<String> found = new ArrayList<>();
        for (Dimension window : WINDOWS) {
            open(window, "/", "question");
            String document = ask("占道停车收费标准是多少").findElement(By.cssSelector(".sources a[href*='/documents/']"))
                    .getDomProperty("href");
            driver.get(document);
            new WebDriverWait(driver, WAIT).until(d -> d.findElements(By.cssSelector("#document .doc-status")).isEmpty());
            found.addAll(violations("/documents/…", window));
            driver.get(base.resolve("/interview/" + interview).toString());
            new WebDriverWait(driver, WAIT).until(ExpectedConditions.textToBe(By.id("title"), "社保政策在线访谈"));
            found.addAll(violations("/interview/" + interview, window));
            driver.get(base.resolve("/no-such-page").toString());
            new WebDriverWait(driver, WAIT).until(ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector("main.error-page[data-status='404']")));
            found.addAll(violations("/no-such-page", window));

            openAsStaffUntil(window, "moderator", "demo-moderator-2026", "/interviews", "/interviews", "#events li a");
            found.addAll(violations("/interviews", window));
            openAsStaff(window, "admin", "demo-admin-2026", "/admin", "/admin#tickets/" + ticketCode, "ticket-detail");
            found.addAll(violations("/admin#tickets/" + ticketCode, window));
            openAsStaff(window, "operator", "demo-operator-2026", "/console", "/console", "q");
            driver.findElement(By.id("q")).sendKeys("占道停车收费");
            new WebDriverWait(driver, WAIT).until(d -> !d.findElements(By.cssSelector("#results li")).isEmpty());
            driver.findElement(By.id("q")).sendKeys(Keys.ENTER);
            new WebDriverWait(driver, WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(
                    "#doc-passages > *")));
            found.addAll(violations("/console with a document", window));
        }
        assertThat(found).as(String.join("\n", found)).isEmpty();
    }
}
