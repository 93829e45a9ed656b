package org.wenzheng.server.mailbridge;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
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

    private void send(String from, String subject, String text, String messageId, String inReplyTo) throws Exception {
        MimeMessage m = Bridge.reply(smtp, from, subject, text, messageId);
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

        send(MailFixtures.OFFICER, "Re: 催办", ANSWER, "reply-to-reminder@officer.example",
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

        send(MailFixtures.OFFICER, "Re: 问政转办", ANSWER + "\n\n在 2026年11月26日 10:15，问政 写道：\n> 社保断缴了三个月，还能补缴吗？",
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

        send(MailFixtures.OFFICER, "答复 " + second, ANSWER, "reply-2@officer.example", null);
        b.processor.processOnce();

        assertThat(b.answerOf(second)).isEqualTo(ANSWER);
        assertThat(b.answerOf(first)).isNull();
    }

    @Test
    void aReplyFromAnUnknownSenderIsQuarantinedAndNotAnswered() throws Exception {
        Bridge b = bridge(InboundProcessor.Hooks.NONE);
        String code = b.escalate("社保断缴了三个月，还能补缴吗？");

        send("stranger@example.org", "Re: " + code, "我来回答：不能补缴。", "stranger-1@example.org", b.threadOf(code));
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
    void autoRepliesAndBouncesAreIgnoredAndNothingIsMailedBack() throws Exception {
        Bridge b = bridge(InboundProcessor.Hooks.NONE);
        String code = b.escalate("社保断缴了三个月，还能补缴吗？");
        MimeMessage auto = Bridge.reply(smtp, MailFixtures.OFFICER, "自动回复: " + code, "我正在休假，12月3日返回。",
                "auto-1@officer.example");
        auto.setHeader("Auto-Submitted", "auto-replied");
        auto.setHeader("In-Reply-To", "<" + b.threadOf(code) + ">");
        Transport.send(auto);
        send("MAILER-DAEMON@wenzheng.local", "Undelivered Mail Returned to Sender", "This is the mail system. "
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
    void aMailWithoutMessageIdIsProcessedOnceEvenWhenTheMailboxIsReadAgainFromTheStart() throws Exception {
        Bridge b = bridge(InboundProcessor.Hooks.NONE);
        String code = b.escalate("社保断缴了三个月，还能补缴吗？");
        MimeMessage bare = Bridge.reply(smtp, MailFixtures.OFFICER, "回复：" + code, ANSWER, null);
        bare.saveChanges();
        assertThat(bare.getHeader("Message-ID")).isNull();
        greenMail.getUserManager().getUserByEmail(MailBridgeConfig.HOTLINE).deliver(bare);

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
        send(MailFixtures.OFFICER, "Re: " + code, ANSWER, "reply-3@officer.example", thread);
        b.processor.processOnce();
        MailInbox.Checkpoint before = b.inbound.checkpoint(b.config.mailboxKey());

        // GreenMail keeps mail in memory: restarted, it is a new, empty server.
        greenMail.stop();
        greenMail = MailFixtures.greenMail(smtp, imap);
        send(MailFixtures.OFFICER, "Re: " + code, ANSWER, "reply-3@officer.example", thread);
        send(MailFixtures.OFFICER, "Re: " + code, "补充：周末也可办理。", "reply-4@officer.example", thread);
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
        send(MailFixtures.OFFICER, "故障 " + first, ANSWER, "broken-1@officer.example", null);
        send(MailFixtures.OFFICER, "答复 " + second, ANSWER, "fine-1@officer.example", null);

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
    void theReaderSurvivesTheMailServerBeingDownAndReadsOnceItIsBack() throws Exception {
        Bridge b = bridge(InboundProcessor.Hooks.NONE);
        String code = b.escalate("社保断缴了三个月，还能补缴吗？");
        String thread = b.threadOf(code);
        greenMail.stop();
        b.processor.start();
        Thread.sleep(1000); // several failed reads, with backoff

        greenMail = MailFixtures.greenMail(smtp, imap);
        send(MailFixtures.OFFICER, "Re: " + code, ANSWER, "reply-5@officer.example", thread);

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
