package org.wenzheng.server.letters;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wenzheng.app.Assembly;
import org.wenzheng.app.RepoRoot;
import org.wenzheng.app.config.AppConfig;
import org.wenzheng.knowledge.engine.KnowledgeBases;
import org.wenzheng.server.db.Database;
import org.wenzheng.server.netty.ServerConfig;
import org.wenzheng.server.netty.WenzhengServer;
import org.wenzheng.testing.MailClient;

/**
 * Letters by mail on the real server (SQLite, the shipped configuration, the embedded mail server
 * over real SMTP and IMAP sockets): a citizen's mail to a mailbox's public address becomes a letter
 * that reaches the department's officer, and its writer gets an automatic reply with the code and
 * key that open the letter; automatic replies, bounces, lists, our own mail and staff's mail are
 * never letters and never answered, but kept; a flood from one sender is all kept, the part over
 * the limit held and not answered; a restart reads every mail again and duplicates nothing.
 */
class LettersByMailEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Letters one sender may write by mail a day, in this test. */
    private static final int PER_SENDER = 3;

    @TempDir
    static Path data;

    private static AppConfig app;
    private static WenzhengServer server;
    private static URI base;
    private static int smtp;
    private static int imap;

    @BeforeAll
    static void start() throws IOException {
        app = AppConfig.load(RepoRoot.find().resolve("config/wenzheng.yaml"), "config/wenzheng.yaml",
                Optional.of(data));
        KnowledgeBases.index(app.knowledgeConfig(), progress -> { }, false);
        smtp = freePort();
        imap = freePort();
        server = newServer();
        base = URI.create("http://127.0.0.1:" + server.start().getPort());
    }

    private static WenzhengServer newServer() throws IOException {
        return Assembly.builder(app.server().withPort(0).withRateLimit(new ServerConfig.RateLimit(100_000, 10_000)),
                KnowledgeBases.open(app.knowledgeConfig()), Database.open(app.database()))
                .tickets(app.tickets().orElseThrow(), app.deadlines())
                .mail(app.mail().withPorts(smtp, imap), data.resolve("mail"))
                .letters(app.letters().withMailLimits(new LettersConfig.MailLimits(PER_SENDER, 10_000)))
                .build().server();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    // ------------------------------------------------------------------ mail

    private static Session session() {
        Properties p = new Properties();
        p.put("mail.smtp.host", "127.0.0.1");
        p.put("mail.smtp.port", String.valueOf(smtp));
        return Session.getInstance(p);
    }

    private static MimeMessage mail(String from, String to, String subject, String text, Map<String, String> headers)
            throws Exception {
        MimeMessage m = new MimeMessage(session());
        m.setFrom(new InternetAddress(from));
        m.setRecipients(Message.RecipientType.TO, to);
        m.setSubject(subject, "UTF-8");
        m.setText(text, "UTF-8");
        for (Map.Entry<String, String> h : headers.entrySet()) {
            m.setHeader(h.getKey(), h.getValue());
        }
        return m;
    }

    private static String send(MimeMessage m) throws Exception {
        m.saveChanges();
        Transport.send(m);
        return m.getMessageID();
    }

    /** The mails in an address's mailbox (GreenMail made it on delivery: login and password are the address). */
    private static List<MimeMessage> inbox(String address) throws Exception {
        List<MimeMessage> out = new ArrayList<>();
        try (Store store = session().getStore("imap")) {
            store.connect("127.0.0.1", imap, address, address);
            Folder f = store.getFolder("INBOX");
            f.open(Folder.READ_ONLY);
            for (Message m : f.getMessages()) {
                out.add(new MimeMessage((MimeMessage) m));
            }
            f.close(false);
        } catch (jakarta.mail.AuthenticationFailedException e) {
            // No mail ever reached this address: GreenMail has no mailbox for it.
        }
        return out;
    }

    /** The acknowledgement in the writer's mailbox, which GreenMail makes when the first mail arrives. */
    private static MimeMessage awaitAcknowledgement(String address) throws Exception {
        MimeMessage[] found = new MimeMessage[1];
        await("an acknowledgement to " + address, () -> {
            try {
                found[0] = inbox(address).stream().filter(m -> subject(m).startsWith("已收到您的来信")).findFirst()
                        .orElse(null);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return found[0] != null;
        });
        return found[0];
    }

    private static String field(String text, String label) {
        Matcher m = Pattern.compile(label + "：(\\S+)").matcher(text);
        assertThat(m.find()).as(label + " in " + text).isTrue();
        return m.group(1);
    }

    /**
     * Waits for what the mailbox reader does. Its IDLE may miss a mail that arrives just as it
     * starts; it then reads the mailbox anyway after half the IMAP read timeout (30 s): the wait
     * allows for that.
     */
    private static void await(String what, BooleanSupplier done) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(75).toNanos();
        while (!done.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what).isLessThan(end);
            Thread.sleep(50);
        }
    }

    // ------------------------------------------------------------------ database

    private static int count(String sql, String... args) {
        try (Connection c = DriverManager.getConnection(app.database().url(), "", "");
                PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setString(i + 1, args[i]);
            }
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static int lettersFrom(String sender) {
        return count("SELECT COUNT(*) FROM letters l JOIN tickets t ON t.code = l.ticket_code WHERE l.via = 'email'"
                + " AND t.contact_email = ?", sender);
    }

    private static int heldFrom(String sender, String reasonPart) {
        return count("SELECT COUNT(*) FROM inbound_held WHERE sender = ? AND status = 'pending' AND detail LIKE ?",
                sender, "%" + reasonPart + "%");
    }

    private static JsonNode track(String code, String key) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve(
                "/api/v1/tickets/" + code + "?key=" + URLEncoder.encode(key, StandardCharsets.UTF_8))).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    /** A letter from a fresh sender, acknowledged: every mail sent before it has been processed by then. */
    private static void processedUpToHere(String marker) throws Exception {
        send(mail(marker, "mayor@wenzheng.local", "咨询社保卡补办", "社保卡丢了在哪里补办？", Map.of()));
        awaitAcknowledgement(marker);
    }

    // ------------------------------------------------------------------ tests

    @Test
    void aCitizensMailToTheDirectorsMailboxIsAComplaintForItsOfficerAndIsAcknowledgedWithCodeAndKey()
            throws Exception {
        String citizen = "zhang.citizen@example.org";
        String messageId = send(mail(citizen, "director@wenzheng.local", "【投诉】窗口办事拖延",
                "我在政务大厅办理备案，窗口让我来回跑了三次，希望改进。", Map.of()));

        MimeMessage ack = awaitAcknowledgement(citizen);
        String text = ack.getContent().toString();
        String code = field(text, "编号");
        String key = field(text, "查询密钥");
        assertThat(code).matches("WZ-\\d{8}-\\d{4}");
        assertThat(ack.getSubject()).contains(code).contains("窗口办事拖延");
        assertThat(text).contains("主任信箱已收到您的来信").contains("类型：投诉")
                .contains(app.tickets().orElseThrow().staffUrl() + "/track#" + code + "&key="
                        + URLEncoder.encode(key, StandardCharsets.UTF_8));
        assertThat(((InternetAddress) ack.getFrom()[0]).getAddress()).isEqualTo("director@wenzheng.local");
        assertThat(ack.getHeader("Auto-Submitted", null)).isEqualTo("auto-replied");
        assertThat(ack.getHeader("Precedence", null)).isEqualTo("auto_reply");
        assertThat(ack.getHeader("In-Reply-To", null)).isEqualTo(messageId);

        JsonNode mine = track(code, key);
        assertThat(mine.path("title").asText()).isEqualTo("窗口办事拖延");
        assertThat(mine.path("typeName").asText()).isEqualTo("投诉");
        assertThat(mine.path("mailboxName").asText()).isEqualTo("主任信箱");
        assertThat(mine.path("department").asText()).isEqualTo("综合办公室");

        // 主任信箱 routes to 综合办公室 only: its officer gets the letter.
        MimeMessage escalation = MailClient.awaitMail(smtp, imap, "officer@wenzheng.local", "officer", code);
        assertThat(escalation.getContent().toString()).contains("信箱：主任信箱").contains("类型：投诉")
                .contains("标题：窗口办事拖延").contains("窗口让我来回跑了三次");
        assertThat(count("SELECT COUNT(*) FROM letters WHERE ticket_code = ? AND via = 'email'", code)).isEqualTo(1);
    }

    @Test
    void anHtmlMailIsReadAsTextAndATooLongOneIsClippedWithANote() throws Exception {
        String citizen = "html.writer@example.org";
        MimeMessage m = new MimeMessage(session());
        m.setFrom(new InternetAddress(citizen));
        m.setRecipients(Message.RecipientType.TO, "mayor@wenzheng.local");
        m.setSubject("建议：" + "延长窗口服务时间".repeat(20), "UTF-8");
        String html = "<html><head><script>alert('x')</script><style>p{}</style></head><body><p>下午四点就停止取号。</p>"
                + "<p>" + "长".repeat(app.letters().maxContentChars()) + "</p></body></html>";
        MimeBodyPart part = new MimeBodyPart();
        part.setContent(html, "text/html; charset=UTF-8");
        m.setContent(new MimeMultipart(part));
        send(m);

        String text = awaitAcknowledgement(citizen).getContent().toString();
        JsonNode mine = track(field(text, "编号"), field(text, "查询密钥"));
        assertThat(mine.path("typeName").asText()).isEqualTo("建议");
        assertThat(mine.path("title").asText()).hasSize(app.letters().maxTitleChars()).startsWith("延长窗口服务时间");
        try (Connection c = DriverManager.getConnection(app.database().url(), "", "");
                PreparedStatement s = c.prepareStatement("SELECT question FROM tickets WHERE code = ?")) {
            s.setString(1, field(text, "编号"));
            try (ResultSet r = s.executeQuery()) {
                assertThat(r.next()).isTrue();
                String content = r.getString(1);
                assertThat(content).startsWith("下午四点就停止取号。").doesNotContain("alert").doesNotContain("<p>")
                        .contains("来信过长").hasSizeLessThanOrEqualTo(app.letters().maxContentChars());
            }
        }
    }

    @Test
    void autoRepliesBouncesListsOurOwnAndStaffMailAreKeptAndNeverAnswered() throws Exception {
        String auto = "away@example.org";
        String daemon = "mailer-daemon@example.org";
        String list = "list@lists.example.org";
        String ours = "mayor@wenzheng.local";
        send(mail(auto, "mayor@wenzheng.local", "我不在办公室", "谢谢来信。", Map.of("Auto-Submitted", "auto-replied")));
        send(mail(daemon, "mayor@wenzheng.local", "Undelivered Mail Returned to Sender", "退信", Map.of()));
        send(mail(list, "mayor@wenzheng.local", "[news] 本周资讯", "订阅内容", Map.of("List-Id", "<news.lists.example.org>",
                "List-Unsubscribe", "<mailto:leave@lists.example.org>")));
        send(mail(ours, "mayor@wenzheng.local", "已收到您的来信", "循环", Map.of()));
        // An officer writing to the public address: the reply path, as before (no ticket matches: held).
        send(mail("hrss@wenzheng.local", "mayor@wenzheng.local", "关于社保", "这是部门的邮件。", Map.of()));
        processedUpToHere("marker.one@example.org");

        assertThat(heldFrom(auto, "automatic reply")).isEqualTo(1);
        assertThat(heldFrom(daemon, "a bounce")).isEqualTo(1);
        assertThat(heldFrom(list, "List-Id")).isEqualTo(1);
        assertThat(heldFrom(ours, "our own mail")).isEqualTo(1);
        assertThat(heldFrom("hrss@wenzheng.local", "no ticket matches")).isEqualTo(1);
        for (String sender : List.of(auto, daemon, list, "hrss@wenzheng.local")) {
            assertThat(lettersFrom(sender)).as(sender).isZero();
            assertThat(inbox(sender)).as(sender + "'s mailbox").noneMatch(x -> subject(x).contains("已收到"));
        }
    }

    @Test
    void aFloodFromOneSenderIsAllKeptTheMailsOverTheLimitHeldUnansweredAndARestartDuplicatesNothing()
            throws Exception {
        String flood = "flood@example.org";
        int n = PER_SENDER + 5;
        for (int i = 0; i < n; i++) {
            send(mail(flood, "mayor@wenzheng.local", "咨询第" + i + "封", "第 " + i + " 封信的内容。", Map.of()));
        }
        processedUpToHere("marker.two@example.org");
        assertThat(lettersFrom(flood)).isEqualTo(PER_SENDER);
        assertThat(heldFrom(flood, "letters.byMail.perSenderPerDay")).isEqualTo(n - PER_SENDER);
        List<MimeMessage> acks = inbox(flood);
        assertThat(acks).hasSize(PER_SENDER);
        assertThat(acks.stream().map(a -> subject(a).split(" ")[1]).distinct()).hasSize(PER_SENDER);
        int tickets = count("SELECT COUNT(*) FROM tickets");
        int held = count("SELECT COUNT(*) FROM inbound_held");

        // A restart: the embedded server's mailboxes come back with a new UIDVALIDITY, so every mail
        // is read again; the Message-IDs already processed make nothing twice.
        server.stop();
        server = newServer();
        base = URI.create("http://127.0.0.1:" + server.start().getPort());
        processedUpToHere("marker.three@example.org");

        assertThat(count("SELECT COUNT(*) FROM tickets")).isEqualTo(tickets + 1);
        assertThat(count("SELECT COUNT(*) FROM inbound_held")).isEqualTo(held);
        assertThat(inbox(flood)).hasSize(PER_SENDER);
        assertThat(inbox("marker.two@example.org")).hasSize(1);
    }

    private static String subject(MimeMessage m) {
        try {
            return m.getSubject() == null ? "" : m.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
