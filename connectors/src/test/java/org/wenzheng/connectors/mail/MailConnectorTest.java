package org.wenzheng.connectors.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.wenzheng.connectors.DeliveryException;
import org.wenzheng.connectors.TicketNotice;

class MailConnectorTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T03:00:00Z"), ZoneOffset.UTC);
    /** Each notice's token: its id's letters, padded to the token's length (a store keeps random ones). */
    private static final ReplyTokens TOKENS = n -> (n.id().replaceAll("[^a-z]", "") + "q".repeat(26)).substring(0, 26);
    private static final String OFFICER = "officer@wenzheng.local";

    private GreenMail greenMail;
    private MailConnector connector;

    @BeforeEach
    void start() {
        greenMail = new GreenMail(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP));
        greenMail.start();
        greenMail.setUser(OFFICER, OFFICER, "officer");
        connector = new MailConnector(smtp(greenMail.getSmtp().getPort()), CLOCK, TOKENS);
    }

    @AfterEach
    void stop() {
        connector.close();
        greenMail.stop();
    }

    @Test
    void anEscalationArrivesInTheOfficersMailboxWithCodeCitationsAndDeadline() throws Exception {
        String id = connector.deliver(Notices.escalation("n-1", OFFICER));

        assertThat(id).isEqualTo("n-1@wenzheng.local");
        List<Received> inbox = readOverImap(OFFICER, "officer", 1);
        Received mail = inbox.get(0);
        assertThat(mail.subject).isEqualTo("[WZ-20261126-0007] 待办：我在外地工作，社保断缴了三个月，还能补缴吗？补缴要带哪些材料…");
        assertThat(mail.messageId).isEqualTo("<n-1@wenzheng.local>");
        assertThat(mail.header("Auto-Submitted")).isEqualTo("auto-generated");
        assertThat(mail.header("X-Auto-Response-Suppress")).isEqualTo("All");
        assertThat(mail.header("X-Wenzheng-Ticket")).isEqualTo("WZ-20261126-0007");
        assertThat(mail.header("In-Reply-To")).isNull();
        assertThat(mail.from).isEqualTo("hotline@wenzheng.local");
        assertThat(mail.fromName).isEqualTo("问政");
        assertThat(mail.contentType).startsWith("text/plain").containsIgnoringCase("charset=UTF-8");
        assertThat(mail.body)
                .contains("工单编号：WZ-20261126-0007")
                .contains("问题：我在外地工作，社保断缴了三个月，还能补缴吗？补缴要带哪些材料？")
                .contains("渠道：网页咨询")
                .contains("提问时间：2026-11-26 10:15（北京时间）")
                .contains("答复期限：2026-12-01（含当日）")
                .contains("联系方式：手机 138****5678")
                .contains("[2026-11-26 10:13] 市民：社保断缴怎么办")
                .contains("1. 《社会保险费征缴暂行条例》 第十三条")
                .contains("文号：国务院令第259号；发布机关：国务院；日期：1999-01-22")
                .contains("缴费单位未按规定缴纳")
                .contains("2. 《关于规范社会保险缴费基数有关问题的通知》")
                .contains("文号：劳社险中心函〔2006〕60号")
                .contains("直接回复本邮件即可")
                .contains("本邮件的回复地址为本工单专用")
                .contains("http://127.0.0.1:8080/admin/tickets/WZ-20261126-0007");
    }

    @Test
    void theNoticesOfficersAnswerCarryAReplyAddressWithTheirTokenAndCitizensNoticesNone() throws Exception {
        connector.deliver(Notices.escalation("n-1", OFFICER));
        connector.deliver(Notices.reminder("n-2", "n-1@wenzheng.local", OFFICER));
        connector.deliver(Notices.of(TicketNotice.Kind.OVERDUE, "n-3", Optional.empty(), OFFICER));
        connector.deliver(Notices.of(TicketNotice.Kind.ANSWER, "n-4", Optional.of("可以补缴。"), OFFICER));

        List<Received> inbox = readOverImap(OFFICER, "officer", 4);
        assertThat(inbox).extracting(m -> replyTo(m.message)).containsExactly(
                "问政 <hotline+nqqqqqqqqqqqqqqqqqqqqqqqqq@wenzheng.local>",
                "问政 <hotline+nqqqqqqqqqqqqqqqqqqqqqqqqq@wenzheng.local>",
                "问政 <hotline+nqqqqqqqqqqqqqqqqqqqqqqqqq@wenzheng.local>",
                "问政 <hotline@wenzheng.local>");
        assertThat(inbox.get(3).message.getHeader("Reply-To")).as("an answer to a citizen").isNull();
        // What a mail client's Reply does: it goes to the notice's own address.
        assertThat(inbox.get(0).message.reply(false).getAllRecipients()).extracting(Object::toString)
                .containsExactly("=?UTF-8?B?6Zeu5pS/?= <hotline+nqqqqqqqqqqqqqqqqqqqqqqqqq@wenzheng.local>");
    }

    @Test
    void aReplyTokenThatCannotBeHadNowIsATransientFailure() {
        ReplyTokens down = n -> {
            throw new DeliveryException("the database is not answering", false);
        };
        try (MailConnector c = new MailConnector(smtp(greenMail.getSmtp().getPort()), CLOCK, down)) {
            assertThatThrownBy(() -> c.deliver(Notices.escalation("n-1", OFFICER)))
                    .isInstanceOfSatisfying(DeliveryException.class, e -> assertThat(e.permanent()).isFalse());
        }
    }

    private static String replyTo(MimeMessage m) {
        try {
            InternetAddress a = (InternetAddress) m.getReplyTo()[0];
            return a.getPersonal() + " <" + a.getAddress() + ">";
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aReminderThreadsUnderTheEscalation() throws Exception {
        String thread = connector.deliver(Notices.escalation("n-1", OFFICER));
        connector.deliver(Notices.reminder("n-2", thread, OFFICER));

        List<Received> inbox = readOverImap(OFFICER, "officer", 2);
        Received reminder = inbox.stream().filter(m -> m.messageId.equals("<n-2@wenzheng.local>")).findFirst()
                .orElseThrow();
        assertThat(reminder.subject).startsWith("[催办] [WZ-20261126-0007] 2026-12-01 到期：");
        assertThat(reminder.header("In-Reply-To")).isEqualTo("<n-1@wenzheng.local>");
        assertThat(reminder.header("References")).isEqualTo("<n-1@wenzheng.local>");
        assertThat(reminder.body).contains("【催办】").contains("答复期限为 2026-12-01");
    }

    @Test
    void theSameNoticeSentTwiceHasTheSameMessageId() throws Exception {
        TicketNotice notice = Notices.escalation("outbox-42", OFFICER);
        String first = connector.deliver(notice);
        String second = connector.deliver(notice);

        assertThat(second).isEqualTo(first);
        List<Received> inbox = readOverImap(OFFICER, "officer", 2);
        assertThat(inbox).extracting(m -> m.messageId).containsExactly("<outbox-42@wenzheng.local>",
                "<outbox-42@wenzheng.local>");
    }

    @Test
    void overdueAndAnswerNoticesSayWhatHappened() throws Exception {
        connector.deliver(Notices.of(TicketNotice.Kind.OVERDUE, "n-3", Optional.empty(), OFFICER));
        connector.deliver(Notices.of(TicketNotice.Kind.ANSWER, "n-4", Optional.of("可以补缴，请携带身份证到社保中心办理。"),
                OFFICER));

        List<Received> inbox = readOverImap(OFFICER, "officer", 2);
        assertThat(inbox.get(0).subject).startsWith("[逾期] [WZ-20261126-0007] 已于 2026-12-01 到期：");
        assertThat(inbox.get(0).body).contains("人力资源和社会保障局负责人：").contains("【逾期】");
        assertThat(inbox.get(1).subject).isEqualTo("您的留言已答复 [WZ-20261126-0007]");
        assertThat(inbox.get(1).body).contains("可以补缴，请携带身份证到社保中心办理。")
                .doesNotContain("/admin/").doesNotContain("问政机器人找到的相关条文");
    }

    @Test
    void aCorrectionNoticeTellsTheApplicantWhatToCompleteAndThatTheClockStops() throws Exception {
        connector.deliver(Notices.of(TicketNotice.Kind.CORRECTION, "n-6", Optional.of("请说明所需信息的年份和范围。"),
                OFFICER));

        Received mail = readOverImap(OFFICER, "officer", 1).get(0);
        assertThat(mail.subject).isEqualTo("请补正您的申请 [WZ-20261126-0007]");
        assertThat(mail.body).contains("需要补正的内容：\n请说明所需信息的年份和范围。")
                .contains("第三十条").contains("暂停计算").contains("视为放弃申请")
                .doesNotContain("/admin/").doesNotContain("问政机器人找到的相关条文").doesNotContain("手机 138");
    }

    @Test
    void anAnswerNoticeWithoutAnswerFailsPermanently() {
        TicketNotice broken = Notices.of(TicketNotice.Kind.ANSWER, "n-5", Optional.empty(), OFFICER);

        assertThatThrownBy(() -> connector.deliver(broken)).isInstanceOfSatisfying(DeliveryException.class,
                e -> assertThat(e.permanent()).isTrue());
    }

    @Test
    void anInvalidRecipientFailsPermanently() {
        TicketNotice notice = Notices.escalation("n-6", "not an address");

        assertThatThrownBy(() -> connector.deliver(notice)).isInstanceOfSatisfying(DeliveryException.class,
                e -> assertThat(e.permanent()).isTrue());
    }

    @Test
    void smtpDownIsTransient() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        try (MailConnector down = new MailConnector(smtp(closedPort), CLOCK, TOKENS)) {
            assertThatThrownBy(() -> down.deliver(Notices.escalation("n-7", OFFICER)))
                    .isInstanceOfSatisfying(DeliveryException.class, e -> {
                        assertThat(e.permanent()).isFalse();
                        assertThat(e.getMessage()).contains("n-7");
                    });
        }
    }

    @Test
    void a550ReplyIsPermanentAndA451ReplyIsTransient() throws Exception {
        try (RefusingSmtp refusing = new RefusingSmtp("550 5.1.1 <officer@wenzheng.local>: user unknown");
                MailConnector c = new MailConnector(smtp(refusing.port()), CLOCK, TOKENS)) {
            assertThatThrownBy(() -> c.deliver(Notices.escalation("n-8", OFFICER)))
                    .isInstanceOfSatisfying(DeliveryException.class, e -> {
                        assertThat(e.permanent()).isTrue();
                        assertThat(e.getMessage()).contains("550 5.1.1").contains("user unknown");
                    });
        }
        try (RefusingSmtp busy = new RefusingSmtp("451 4.3.0 try again later");
                MailConnector c = new MailConnector(smtp(busy.port()), CLOCK, TOKENS)) {
            assertThatThrownBy(() -> c.deliver(Notices.escalation("n-9", OFFICER)))
                    .isInstanceOfSatisfying(DeliveryException.class, e -> {
                        assertThat(e.permanent()).isFalse();
                        assertThat(e.getMessage()).contains("451 4.3.0");
                    });
        }
    }

    @Test
    void aLoginIsUsedWhenConfiguredAndARefusedLoginIsTransient() throws Exception {
        greenMail.setUser("hotline@wenzheng.local", "hotline", "right-password");
        try (MailConnector withLogin = new MailConnector(login("right-password"), CLOCK, TOKENS)) {
            assertThat(withLogin.deliver(Notices.escalation("n-11", OFFICER))).isEqualTo("n-11@wenzheng.local");
        }
        try (MailConnector wrong = new MailConnector(login("wrong-password"), CLOCK, TOKENS)) {
            assertThatThrownBy(() -> wrong.deliver(Notices.escalation("n-12", OFFICER)))
                    .isInstanceOfSatisfying(DeliveryException.class, e -> {
                        assertThat(e.permanent()).isFalse();
                        assertThat(e.getMessage()).contains("login refused");
                    });
        }
        assertThat(readOverImap(OFFICER, "officer", 1)).extracting(m -> m.messageId)
                .containsExactly("<n-11@wenzheng.local>");
    }

    @Test
    void requiredStartTlsNeverFallsBackToPlainText() {
        MailSettings.Smtp startTls = new MailSettings.Smtp("127.0.0.1", greenMail.getSmtp().getPort(),
                MailSettings.Security.STARTTLS, "", "", Duration.ofSeconds(5), Duration.ofSeconds(5),
                "hotline@wenzheng.local", "问政", "wenzheng.local");
        try (MailConnector c = new MailConnector(startTls, CLOCK, TOKENS)) {
            assertThatThrownBy(() -> c.deliver(Notices.escalation("n-13", OFFICER)))
                    .isInstanceOfSatisfying(DeliveryException.class, e -> assertThat(e.permanent()).isFalse());
        }
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    private MailSettings.Smtp login(String password) {
        return new MailSettings.Smtp("127.0.0.1", greenMail.getSmtp().getPort(), MailSettings.Security.NONE, "hotline",
                password, Duration.ofSeconds(5), Duration.ofSeconds(5), "hotline@wenzheng.local", "问政",
                "wenzheng.local");
    }

    @Test
    void aClosedConnectorDeliversNothing() {
        connector.close();

        assertThatThrownBy(() -> connector.deliver(Notices.escalation("n-10", OFFICER)))
                .isInstanceOf(DeliveryException.class);
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void messageIdsEscapeWhatAMessageIdCannotHold() {
        assertThat(MailConnector.messageId("abc-1_2.3", "x.org")).isEqualTo("abc-1_2.3@x.org");
        assertThat(MailConnector.messageId("a b@<c>", "x.org")).isEqualTo("a=20b=40=3Cc=3E@x.org");
    }

    static MailSettings.Smtp smtp(int port) {
        return new MailSettings.Smtp("127.0.0.1", port, MailSettings.Security.NONE, "", "", Duration.ofSeconds(5),
                Duration.ofSeconds(5), "hotline@wenzheng.local", "问政", "wenzheng.local");
    }

    private List<Received> readOverImap(String user, String password, int expected) throws Exception {
        assertThat(greenMail.waitForIncomingEmail(10_000, expected)).isTrue();
        Properties p = new Properties();
        Session session = Session.getInstance(p);
        try (Store store = session.getStore("imap")) {
            store.connect("127.0.0.1", greenMail.getImap().getPort(), user, password);
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            List<Received> out = new ArrayList<>();
            for (Message m : inbox.getMessages()) {
                out.add(new Received(new MimeMessage((MimeMessage) m))); // a copy outlives the folder
            }
            inbox.close(false);
            return out;
        }
    }

    /** A mail as read back over IMAP. */
    private static final class Received {
        final MimeMessage message;
        final String subject;
        final String messageId;
        final String from;
        final String fromName;
        final String contentType;
        final String body;

        Received(MimeMessage m) throws MessagingException, IOException {
            message = m;
            subject = m.getSubject();
            messageId = m.getMessageID();
            InternetAddress a = (InternetAddress) m.getFrom()[0];
            from = a.getAddress();
            fromName = a.getPersonal();
            contentType = m.getContentType();
            body = (String) m.getContent();
        }

        String header(String name) throws MessagingException {
            return message.getHeader(name, ",");
        }
    }

    /**
     * A real SMTP server of a few lines that accepts the envelope sender and answers every
     * recipient with the given reply: what a mail server that does not know the address does.
     */
    private static final class RefusingSmtp implements AutoCloseable {
        private final ServerSocket server;
        private final Thread thread;

        RefusingSmtp(String rcptReply) throws IOException {
            server = new ServerSocket(0);
            thread = new Thread(() -> {
                while (!server.isClosed()) {
                    try (Socket s = server.accept()) {
                        converse(s, rcptReply);
                    } catch (IOException e) {
                        // closed by the test, or the client hung up
                    }
                }
            }, "refusing-smtp");
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return server.getLocalPort();
        }

        private static void converse(Socket s, String rcptReply) throws IOException {
            s.setSoTimeout(10_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            Writer out = new OutputStreamWriter(s.getOutputStream(), StandardCharsets.US_ASCII);
            reply(out, "220 refusing.test ESMTP");
            for (String line; (line = in.readLine()) != null;) {
                String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase(java.util.Locale.ROOT) : line;
                switch (verb) {
                    case "EHLO", "HELO" -> reply(out, "250 refusing.test");
                    case "MAIL", "RSET", "NOOP" -> reply(out, "250 2.0.0 OK");
                    case "RCPT" -> reply(out, rcptReply);
                    case "QUIT" -> {
                        reply(out, "221 2.0.0 bye");
                        return;
                    }
                    default -> reply(out, "503 5.5.1 bad sequence");
                }
            }
        }

        private static void reply(Writer out, String line) throws IOException {
            out.write(line + "\r\n");
            out.flush();
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
