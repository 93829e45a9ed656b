package org.wenzheng.server.replies;

import org.wenzheng.testing.MovableClock;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.Transport;
import com.icegreen.greenmail.user.GreenMailUser;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wenzheng.connectors.mail.MailInbox;

/**
 * Officers' replies from a real mail server (GreenMail over SMTP and IMAP) to the tickets' answers,
 * through the real mail connector, IMAP inbox and ticket desk, on an SQLite file database.
 */
class InboundProcessorTest {
    private static final String ANSWER = "可以补缴。请携带身份证到参保地社保经办机构办理，当场受理。";

    @TempDir
    Path work;

    private int smtp;
    private int imap;
    private GreenMail greenMail;
    private Bridge bridge;

    @BeforeEach
    void start() {
        smtp = MailFixtures.freePort();
        imap = MailFixtures.freePort();
        greenMail = MailFixtures.greenMail(smtp, imap);
    }

    @AfterEach
    void stop() {
        if (bridge != null) {
            bridge.close();
        }
        greenMail.stop();
    }

    private Bridge bridge(InboundProcessor.Hooks hooks) {
        bridge = new Bridge(work, TestDatabases.embedded(work), MailFixtures.config(smtp, imap), hooks);
        return bridge;
    }

    private void send(String to, String from, String subject, String text, String messageId, String inReplyTo)
            throws Exception {
        MimeMessage m = Bridge.reply(smtp, from, to, subject, text, messageId);
        if (inReplyTo != null) {
            m.setHeader("In-Reply-To", "<" + inReplyTo + ">");
            m.setHeader("References", "<" + inReplyTo + ">");
        }
        int before = greenMail.getReceivedMessages().length;
        Transport.send(m);
        assertThat(greenMail.waitForIncomingEmail(5000, before + 1)).isTrue();
    }

    @Test
    void theEscalationReachesTheOfficerWithTheCodeInTheSubjectAndItsMessageIdBecomesTheThread() throws Exception {
        Bridge b = bridge(InboundProcessor.Hooks.NONE);

        String code = b.escalate("社保断缴了三个月，还能补缴吗？");

        MimeMessage[] inbox = greenMail.getReceivedMessagesForDomain("wenzheng.local");
        assertThat(inbox).hasSize(1);
        MimeMessage mail = inbox[0];
        assertThat(mail.getAllRecipients()).extracting(Object::toString).containsExactly(MailFixtures.OFFICER);
        assertThat(mail.getSubject()).contains(code);
        assertThat(mail.getHeader("Auto-Submitted")).containsExactly("auto-generated");
        assertThat(OutboxStore.bare(mail.getMessageID())).isEqualTo(b.threadOf(code)).isNotEmpty();
        assertThat(((String) mail.getContent())).contains("社保断缴了三个月，还能补缴吗？");
    }

    @Test
    void theReminderIsThreadedUnderTheEscalationAndAReplyToItAnswersTheTicket() throws Exception {
        // Thursday 26 November 2026, 10:00 in Beijing; three working days: Tuesday 1 December.
        MovableClock clock = new MovableClock(java.time.Instant.parse("2026-11-26T02:00:00Z"));
        bridge = new Bridge(work, TestDatabases.embedded(work), MailFixtures.config(smtp, imap), InboundProcessor.Hooks.NONE,
                clock);
        String code = bridge.escalate("居住证到期了怎么续签？");
        String thread = bridge.threadOf(code);

        clock.set(java.time.Instant.parse("2026-12-01T01:00:00Z")); // the last day: time for 催办
        assertThat(bridge.tickets.watch().reminded()).containsExactly(code);
        bridge.relay.deliverDue();

        MimeMessage reminder = java.util.Arrays.stream(greenMail.getReceivedMessages())
                .filter(m -> subjectOf(m).startsWith("[催办]")).findFirst().orElseThrow();
        assertThat(subjectOf(reminder)).contains(code);
        assertThat(reminder.getHeader("In-Reply-To")).containsExactly("<" + thread + ">");
        assertThat(reminder.getAllRecipients()).extracting(Object::toString).containsExactly(MailFixtures.OFFICER);

        send(bridge.replyAddressOf(code), MailFixtures.OFFICER, "Re: 催办", ANSWER, "reply-to-reminder@officer.example",
                OutboxStore.bare(reminder.getMessageID()));
        bridge.processor.processOnce();

        assertThat(bridge.answerOf(code)).isEqualTo(ANSWER);
    }

    private static String subjectOf(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void anOfficersReplyInTheThreadBecomesTheTicketsAnswerWithoutTheQuote() throws Exception {
        Bridge b = bridge(InboundProcessor.Hooks.NONE);
        String code = b.escalate("社保断缴了三个月，还能补缴吗？");

        send(b.replyAddressOf(code), MailFixtures.OFFICER, "Re: 问政转办", ANSWER + "\n\n在 2026年11月26日 10:15，问政 写道：\n> 社保断缴了三个月，还能补缴吗？",
                "reply-1@officer.example", b.threadOf(code));
        b.processor.processOnce();

        assertThat(b.answerOf(code)).isEqualTo(ANSWER);
        assertThat(b.inbound.outcome("mid:reply-1@officer.example")).contains("answered");
        assertThat(b.events(code, "answered")).isEqualTo(1);
    }

    @Test
    void aReplyWithoutThreadingHeadersIsMatchedByTheCodeInItsSubject() throws Exception {
        Bridge b = bridge(InboundProcessor.Hooks.NONE);
        String first = b.escalate("公积金怎么提取？");
        String second = b.escalate("居住证到期了怎么续签？");

        send(b.replyAddressOf(second), MailFixtures.OFFICER, "答复 " + second, ANSWER, "reply-2@officer.example", null);
        b.processor.processOnce();

        assertThat(b.answerOf(second)).isEqualTo(ANSWER);
        assertThat(b.answerOf(first)).isNull();
    }

    @Test
    void aReplyFromAnUnknownSenderIsQuarantinedAndNotAnswered() throws Exception {
        Bridge b = bridge(InboundProcessor.Hooks.NONE);
        String code = b.escalate("社保断缴了三个月，还能补缴吗？");

        send(b.replyAddressOf(code), "stranger@example.org", "Re: " + code, "我来回答：不能补缴。", "stranger-1@example.org", b.threadOf(code));
        b.processor.processOnce();

        assertThat(b.answerOf(code)).isNull();
        assertThat(b.events(code, "answered")).isZero();
        assertThat(b.inbound.held(InboundStore.HELD_PENDING, 10)).singleElement().satisfies(h -> {
            assertThat(h.reason()).isEqualTo(InboundStore.QUARANTINE);
            assertThat(h.sender()).isEqualTo("stranger@example.org");
            assertThat(h.ticketCode()).isEqualTo(code);
            assertThat(h.detail()).contains("not an officer");
            assertThat(h.rawBytes()).isPositive();
        });
        assertThat(b.inbound.outcome("mid:stranger-1@example.org")).contains("quarantined");
    }

    @Test
    void aForgedFromWithoutTheTicketsReplyAddressIsQuarantinedNotAnswered() throws Exception {
        Bridge b = bridge(InboundProcessor.Hooks.NONE);
        String code = b.escalate("社保断缴了三个月，还能补缴吗？");

        // The attack: From: the officer, sent to the mailbox's plain address, with the thread and
        // the code taken from nothing secret (the code is shown to the citizen).
        send(RepliesConfig.HOTLINE, MailFixtures.OFFICER, "Re: [" + code + "]", "不能补缴，请勿再问。",
                "forged-1@attacker.example", b.threadOf(code));
        b.processor.processOnce();

        assertThat(b.answerOf(code)).isNull();
        assertThat(b.events(code, "answered")).isZero();
        assertThat(b.inbound.outcome("mid:forged-1@attacker.example")).contains("quarantined");
        assertThat(b.inbound.held(InboundStore.HELD_PENDING, 10)).singleElement().satisfies(h -> {
            assertThat(h.reason()).isEqualTo(InboundStore.QUARANTINE);
            assertThat(h.ticketCode()).isEqualTo(code);
            assertThat(h.detail()).contains("not addressed to a reply address of the ticket");
        });
    }

    @Test
    void aReplyAddressedToAnotherTicketsReplyAddressIsQuarantined() throws Exception {
        Bridge b = bridge(InboundProcessor.Hooks.NONE);
        String first = b.escalate("公积金怎么提取？");
        String second = b.escalate("居住证到期了怎么续签？");

        send(b.replyAddressOf(first), MailFixtures.OFFICER, "答复 " + second, ANSWER, "crossed-1@officer.example", null);
        send(b.replyAddressOf(second).replace("+", "+x"), MailFixtures.OFFICER, "答复 " + second, ANSWER,
                "guessed-1@officer.example", null);
        b.processor.processOnce();

        assertThat(b.answerOf(first)).isNull();
        assertThat(b.answerOf(second)).isNull();
        assertThat(b.inbound.held(InboundStore.HELD_PENDING, 10)).extracting(InboundStore.Held::detail)
                .satisfiesExactly(
                        d -> assertThat(d).contains("addressed to the reply address of " + first + ", not of this ticket"),
                        d -> assertThat(d).contains("not addressed to a reply address of the ticket"));
    }

    @Test
    void aReplyToTheEscalationsReplyToAddressAnswersTheTicket() throws Exception {
        Bridge b = bridge(InboundProcessor.Hooks.NONE);
        String code = b.escalate("社保断缴了三个月，还能补缴吗？");
        MimeMessage escalation = greenMail.getReceivedMessagesForDomain("wenzheng.local")[0];

        String replyTo = ((jakarta.mail.internet.InternetAddress) escalation.getReplyTo()[0]).getAddress();
        assertThat(replyTo).matches("hotline\\+[a-z2-7]{26}@wenzheng\\.local").isEqualTo(b.replyAddressOf(code));
        MimeMessage reply = (MimeMessage) escalation.reply(false);
        reply.setFrom(new jakarta.mail.internet.InternetAddress(MailFixtures.OFFICER));
        reply.setText(ANSWER, "UTF-8");
        reply.saveChanges();
        try (Transport t = jakarta.mail.Session.getInstance(new java.util.Properties()).getTransport("smtp")) {
            t.connect("127.0.0.1", smtp, null, null);
            t.sendMessage(reply, reply.getAllRecipients());
        }
        assertThat(greenMail.waitForIncomingEmail(5000, 2)).isTrue();
        b.processor.processOnce();

        assertThat(b.answerOf(code)).isEqualTo(ANSWER);
    }

    @Test
    void withATrustedAuthservIdOnlyItsAuthenticationResultsDecide() throws Exception {
        bridge = new Bridge(work, TestDatabases.embedded(work), MailFixtures.config(smtp, imap)
                .withIntake(new RepliesConfig.Intake(RepliesConfig.Intake.DEFAULT_MAX_MESSAGE_BYTES,
                        "mx.wenzheng.local")), InboundProcessor.Hooks.NONE);
        Bridge b = bridge;
        String failed = b.escalate("公积金怎么提取？");
        String forgedPass = b.escalate("居住证到期了怎么续签？");
        String unstamped = b.escalate("医保怎么转移？");
        String passed = b.escalate("社保断缴了三个月，还能补缴吗？");
        // What the office's server writes on top of a mail it received, and what a sender may write below it.
        String trustedFail = "mx.wenzheng.local; spf=fail smtp.mailfrom=attacker.example; dkim=none;"
                + " dmarc=fail header.from=wenzheng.local";
        String untrustedPass = "mx.attacker.example; dkim=pass header.d=wenzheng.local; dmarc=pass"
                + " header.from=wenzheng.local";
        String trustedPass = "mx.wenzheng.local; spf=softfail smtp.mailfrom=officer@wenzheng.local;"
                + " dkim=pass (2048-bit key) header.d=wenzheng.local header.s=mail2026";
        String untrustedFail = "mx.elsewhere.example; dmarc=fail header.from=wenzheng.local";

        sendStamped(b, failed, "auth-1@officer.example", trustedFail);
        sendStamped(b, forgedPass, "auth-2@officer.example", trustedFail, untrustedPass);
        sendStamped(b, unstamped, "auth-3@officer.example", untrustedPass);
        sendStamped(b, passed, "auth-4@officer.example", trustedPass, untrustedFail);
        b.processor.processOnce();

        assertThat(b.answerOf(failed)).isNull();
        assertThat(b.answerOf(forgedPass)).isNull();
        assertThat(b.answerOf(unstamped)).isNull();
        assertThat(b.answerOf(passed)).as("the untrusted fail is not looked at").isEqualTo(ANSWER);
        assertThat(b.inbound.held(InboundStore.HELD_PENDING, 10)).extracting(InboundStore.Held::detail)
                .satisfiesExactly(
                        d -> assertThat(d).contains("mx.wenzheng.local does not vouch for wenzheng.local")
                                .contains("spf=fail smtp.mailfrom=attacker.example"),
                        d -> assertThat(d).contains("mx.wenzheng.local does not vouch for wenzheng.local"),
                        d -> assertThat(d).contains("no Authentication-Results from mx.wenzheng.local"));
    }

    private void sendStamped(Bridge b, String code, String messageId, String... authenticationResults)
            throws Exception {
        MimeMessage m = Bridge.reply(smtp, MailFixtures.OFFICER, b.replyAddressOf(code), "Re: " + code, ANSWER,
                messageId);
        for (String value : authenticationResults) {
            m.addHeader("Authentication-Results", value);
        }
        int before = greenMail.getReceivedMessages().length;
        Transport.send(m);
        assertThat(greenMail.waitForIncomingEmail(5000, before + 1)).isTrue();
    }

    @Test
    void autoRepliesAndBouncesAreIgnoredAndNothingIsMailedBack() throws Exception {
        Bridge b = bridge(InboundProcessor.Hooks.NONE);
        String code = b.escalate("社保断缴了三个月，还能补缴吗？");
        MimeMessage auto = Bridge.reply(smtp, MailFixtures.OFFICER, b.replyAddressOf(code), "自动回复: " + code, "我正在休假，12月3日返回。",
                "auto-1@officer.example");
        auto.setHeader("Auto-Submitted", "auto-replied");
        auto.setHeader("In-Reply-To", "<" + b.threadOf(code) + ">");
        Transport.send(auto);
        send(RepliesConfig.HOTLINE, "MAILER-DAEMON@wenzheng.local", "Undelivered Mail Returned to Sender", "This is the mail system. "
                + code + " could not be delivered.", "bounce-1@wenzheng.local", b.threadOf(code));
        int mailsBefore = greenMail.getReceivedMessages().length;
        int outboxBefore = b.outboxRows();

        b.processor.processOnce();
        b.relay.deliverDue();

        assertThat(b.answerOf(code)).isNull();
        assertThat(b.inbound.outcome("mid:auto-1@officer.example")).contains("ignored_auto_reply");
        assertThat(b.inbound.outcome("mid:bounce-1@wenzheng.local")).contains("ignored_bounce");
        assertThat(b.inbound.held(InboundStore.HELD_PENDING, 10)).isEmpty();
        assertThat(b.outboxRows()).isEqualTo(outboxBefore);
        assertThat(greenMail.getReceivedMessages()).hasSize(mailsBefore);
    }

    @Test
    void anOutOfOfficeReplyMarkedOnlyByItsSubjectIsHeldForReviewAndNotPublished() throws Exception {
        Bridge b = bridge(InboundProcessor.Hooks.NONE);
        String code = b.escalate("社保断缴了三个月，还能补缴吗？");

        // The incident: 自动回复 in the subject, no Auto-Submitted, from the officer's own address.
        send(b.replyAddressOf(code), MailFixtures.OFFICER, "自动回复：[" + code + "] 待办：社保断缴了三个月，还能补缴吗？", "您好，邮件已收到，稍后处理。",
                "ooo-subject-1@officer.example", b.threadOf(code));
        b.processor.processOnce();

        assertThat(b.answerOf(code)).isNull();
        assertThat(b.events(code, "answered")).isZero();
        assertThat(b.inbound.outcome("mid:ooo-subject-1@officer.example")).contains("quarantined");
        assertThat(b.inbound.held(InboundStore.HELD_PENDING, 10)).singleElement().satisfies(h -> {
            assertThat(h.reason()).isEqualTo(InboundStore.QUARANTINE);
            assertThat(h.ticketCode()).isEqualTo(code);
            assertThat(h.detail()).contains("automatic reply").contains("自动回复");
        });
    }

    @Test
    void anAutomaticReplyProvedByItsSubjectAndOpeningIsIgnoredWithoutAnyHeader() throws Exception {
        Bridge b = bridge(InboundProcessor.Hooks.NONE);
        String code = b.escalate("社保断缴了三个月，还能补缴吗？");
        int outboxBefore = b.outboxRows();

        send(b.replyAddressOf(code), MailFixtures.OFFICER, "自动回复: [" + code + "] 待办：社保断缴了三个月，还能补缴吗？",
                "您好！我目前正在外出学习，暂时无法处理邮件，急事请拨打 0571-87654321。", "ooo-coremail-1@officer.example",
                b.threadOf(code));
        b.processor.processOnce();

        assertThat(b.answerOf(code)).isNull();
        assertThat(b.inbound.outcome("mid:ooo-coremail-1@officer.example")).contains("ignored_auto_reply");
        assertThat(b.inbound.held(InboundStore.HELD_PENDING, 10)).isEmpty();
        assertThat(b.outboxRows()).isEqualTo(outboxBefore);
    }

    @Test
    void aMailWithoutMessageIdIsProcessedOnceEvenWhenTheMailboxIsReadAgainFromTheStart() throws Exception {
        Bridge b = bridge(InboundProcessor.Hooks.NONE);
        String code = b.escalate("社保断缴了三个月，还能补缴吗？");
        MimeMessage bare = Bridge.reply(smtp, MailFixtures.OFFICER, b.replyAddressOf(code), "回复：" + code, ANSWER,
                null);
        bare.saveChanges();
        assertThat(bare.getHeader("Message-ID")).isNull();
        greenMail.getUserManager().getUserByEmail(RepliesConfig.HOTLINE).deliver(bare);

        b.processor.processOnce();
        forgetCheckpoint(b); // as after a new UIDVALIDITY: every mail of the folder is read again
        b.processor.processOnce();

        assertThat(b.answerOf(code)).isEqualTo(ANSWER);
        assertThat(b.events(code, "answered")).isEqualTo(1);
        assertThat(b.events(code, "answer_again")).isZero();
        assertThat(seenKeys(b)).singleElement().satisfies(k -> assertThat(k).startsWith("fp:"));
    }

    @Test
    void aNewMailServerWithANewUidValidityDoesNotRepeatAnAnswer() throws Exception {
        Bridge b = bridge(InboundProcessor.Hooks.NONE);
        String code = b.escalate("社保断缴了三个月，还能补缴吗？");
        String thread = b.threadOf(code);
        send(b.replyAddressOf(code), MailFixtures.OFFICER, "Re: " + code, ANSWER, "reply-3@officer.example", thread);
        b.processor.processOnce();
        MailInbox.Checkpoint before = b.inbound.checkpoint(b.config.mailboxKey());

        // GreenMail keeps mail in memory: restarted, it is a new, empty server.
        greenMail.stop();
        greenMail = MailFixtures.greenMail(smtp, imap);
        send(b.replyAddressOf(code), MailFixtures.OFFICER, "Re: " + code, ANSWER, "reply-3@officer.example", thread);
        send(b.replyAddressOf(code), MailFixtures.OFFICER, "Re: " + code, "补充：周末也可办理。", "reply-4@officer.example", thread);
        MailFixtures.await("the mailbox read again after the restart", Duration.ofSeconds(10), () -> {
            try {
                b.processor.processOnce();
                return b.inbound.outcome("mid:reply-4@officer.example").isPresent();
            } catch (Exception e) {
                return false; // the first read after the restart may find the old connection dead
            }
        });

        assertThat(b.answerOf(code)).isEqualTo(ANSWER);
        assertThat(b.events(code, "answered")).isEqualTo(1);
        assertThat(b.inbound.outcome("mid:reply-3@officer.example")).contains("answered");
        assertThat(b.inbound.outcome("mid:reply-4@officer.example")).contains("duplicate_answer");
        assertThat(b.inbound.checkpoint(b.config.mailboxKey())).isNotEqualTo(before);
    }

    @Test
    void aMailThatCannotBeProcessedIsKeptAsADeadLetterAndTheNextOneIsProcessed() throws Exception {
        Bridge b = bridge(new InboundProcessor.Hooks() {
            @Override
            public void beforeCommit(MailInbox.FetchedMail mail) {
                if (mail.reply().subject().contains("故障")) {
                    throw new IllegalStateException("simulated failure while processing");
                }
            }
        });
        String first = b.escalate("公积金怎么提取？");
        String second = b.escalate("居住证到期了怎么续签？");
        send(b.replyAddressOf(first), MailFixtures.OFFICER, "故障 " + first, ANSWER, "broken-1@officer.example", null);
        send(b.replyAddressOf(second), MailFixtures.OFFICER, "答复 " + second, ANSWER, "fine-1@officer.example", null);

        b.processor.processOnce();

        assertThat(b.answerOf(first)).isNull();
        assertThat(b.answerOf(second)).isEqualTo(ANSWER);
        assertThat(b.inbound.held(InboundStore.HELD_PENDING, 10)).singleElement().satisfies(h -> {
            assertThat(h.reason()).isEqualTo(InboundStore.DEAD_LETTER);
            assertThat(h.detail()).contains("simulated failure");
            assertThat(h.subject()).contains("故障");
        });
        assertThat(b.inbound.outcome("mid:broken-1@officer.example")).contains("dead_letter");
        assertThat(b.processor.processOnce()).as("nothing read again").isZero();
    }

    @Test
    void aLargeMailDoesNotHoldUpTheRepliesAfterItAndItsTextStillAnswers() throws Exception {
        Bridge b = bridge(InboundProcessor.Hooks.NONE);
        String first = b.escalate("公积金怎么提取？");
        String second = b.escalate("居住证到期了怎么续签？");
        GreenMailUser hotline = greenMail.getUserManager().getUserByEmail(RepliesConfig.HOTLINE);
        // 30 MB of scans (40 MB in base64) ahead of an ordinary reply, and a large mail with no text at all.
        hotline.deliver(withAttachment(Bridge.reply(smtp, MailFixtures.OFFICER, b.replyAddressOf(first), "Re: " + first,
                ANSWER,
                "big-1@officer.example"), 30 * 1024 * 1024));
        MimeMessage scansOnly = Bridge.reply(smtp, MailFixtures.OFFICER, b.replyAddressOf(second), "扫描件 " + second, "",
                "big-2@officer.example");
        scansOnly.setContent(new MimeMultipart("mixed", pdf(12 * 1024 * 1024)));
        scansOnly.saveChanges();
        hotline.deliver(scansOnly);
        send(b.replyAddressOf(second), MailFixtures.OFFICER, "Re: " + second, "请携带居住证到派出所续签。", "small-1@officer.example", null);

        b.processor.processOnce();

        assertThat(b.answerOf(first)).isEqualTo(ANSWER);
        assertThat(b.tickets.detail(first).events()).filteredOn(e -> e.kind().equals("answered")).singleElement()
                .satisfies(e -> assertThat(e.detail()).contains("attachments not taken"));
        assertThat(b.answerOf(second)).isEqualTo("请携带居住证到派出所续签。");
        assertThat(b.inbound.outcome("mid:big-2@officer.example")).contains("dead_letter");
        assertThat(b.inbound.held(InboundStore.HELD_PENDING, 10)).singleElement().satisfies(h -> {
            assertThat(h.reason()).isEqualTo(InboundStore.DEAD_LETTER);
            assertThat(h.detail()).contains("mail.maxMessageBytes").contains("no text part");
            assertThat(h.subject()).contains(second);
            assertThat(h.rawBytes()).isLessThan(16 * 1024);
        });
        assertThat(b.processor.processOnce()).as("nothing read again").isZero();
    }

    private static MimeMessage withAttachment(MimeMessage m, int attachmentBytes) throws Exception {
        MimeBodyPart text = new MimeBodyPart();
        text.setText((String) m.getContent(), "UTF-8");
        m.setContent(new MimeMultipart("mixed", text, pdf(attachmentBytes)));
        m.saveChanges();
        return m;
    }

    private static MimeBodyPart pdf(int bytes) throws Exception {
        byte[] data = new byte[bytes];
        new java.util.Random(7).nextBytes(data);
        MimeBodyPart p = new MimeBodyPart();
        p.setDataHandler(new jakarta.activation.DataHandler(new jakarta.mail.util.ByteArrayDataSource(data,
                "application/pdf")));
        p.setFileName("扫描件.pdf");
        p.setDisposition(jakarta.mail.Part.ATTACHMENT);
        return p;
    }

    @Test
    void theReaderSurvivesTheMailServerBeingDownAndReadsOnceItIsBack() throws Exception {
        Bridge b = bridge(InboundProcessor.Hooks.NONE);
        String code = b.escalate("社保断缴了三个月，还能补缴吗？");
        String thread = b.threadOf(code);
        greenMail.stop();
        b.processor.start();
        Thread.sleep(1000); // several failed reads, with backoff

        greenMail = MailFixtures.greenMail(smtp, imap);
        send(b.replyAddressOf(code), MailFixtures.OFFICER, "Re: " + code, ANSWER, "reply-5@officer.example", thread);

        MailFixtures.await("the answer recorded by the running reader", Duration.ofSeconds(15),
                () -> ANSWER.equals(b.answerOf(code)));
    }

    private static void forgetCheckpoint(Bridge b) {
        b.db.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM mailbox_checkpoints")) {
                return s.executeUpdate();
            }
        });
    }

    private static List<String> seenKeys(Bridge b) {
        return b.db.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT dedup_key FROM inbound_seen");
                    ResultSet r = s.executeQuery()) {
                java.util.ArrayList<String> out = new java.util.ArrayList<>();
                while (r.next()) {
                    out.add(r.getString(1));
                }
                return out;
            }
        });
    }
}
