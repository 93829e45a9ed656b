package org.wenzheng.connectors.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.time.Clock;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.wenzheng.connectors.InboundReply;
import org.wenzheng.connectors.mail.MailInbox.Batch;
import org.wenzheng.connectors.mail.MailInbox.Checkpoint;

class ImapMailInboxTest {
    private static final String HOTLINE = "hotline@wenzheng.local";
    private static final String PASSWORD = "hotline-secret";
    /** Generous: these bound a wait that normally takes milliseconds; a slow machine must not fail them. */
    private static final long PATIENCE_SECONDS = 20;
    /**
     * An IDLE is ended at half the read timeout at the latest: two minutes keep that end (one
     * minute) well beyond the patience, so a wait that returns within it returned for a reason.
     */
    private static final Duration READ_TIMEOUT = Duration.ofMinutes(2);

    private GreenMail greenMail;
    private ImapMailInbox inbox;

    @BeforeEach
    void start() {
        greenMail = new GreenMail(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP));
        greenMail.start();
        greenMail.setUser(HOTLINE, HOTLINE, PASSWORD);
        inbox = new ImapMailInbox(imap(true, Duration.ofMinutes(10)), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        inbox.close();
        greenMail.stop();
    }

    @Test
    void repliesAfterTheCheckpointAreFetchedOldestFirst() throws Exception {
        send("Re: [WZ-20261126-0001] 待办", "第一封答复", "<r1@officer.example>");
        send("Re: [WZ-20261126-0002] 待办", "第二封答复", "<r2@officer.example>");
        send("Re: [WZ-20261126-0003] 待办", "第三封答复", "<r3@officer.example>");

        Batch all = inbox.fetch(Checkpoint.START, 10);

        assertThat(all.mails()).hasSize(3);
        assertThat(all.mails()).extracting(m -> m.reply().answer()).containsExactly("第一封答复", "第二封答复", "第三封答复");
        assertThat(all.mails()).extracting(MailInbox.FetchedMail::uid).isSorted().doesNotHaveDuplicates();
        MailInbox.FetchedMail second = all.mails().get(1);
        InboundReply reply = second.reply();
        assertThat(reply.source()).isEqualTo("imap:INBOX:" + all.uidValidity() + ":" + second.uid());
        assertThat(reply.messageId()).contains("r2@officer.example");
        assertThat(reply.inReplyTo()).contains("n-1@wenzheng.local");
        assertThat(reply.ticketCode()).contains("WZ-20261126-0002");
        assertThat(reply.from()).isEqualTo("officer@wenzheng.local");
        assertThat(reply.fingerprint()).isEqualTo(org.wenzheng.connectors.Fingerprint.of(second.raw()));
        assertThat(new String(second.raw(), java.nio.charset.StandardCharsets.US_ASCII)).contains("Message-ID: <r2@officer.example>");

        Batch rest = inbox.fetch(new Checkpoint(all.uidValidity(), second.uid()), 10);
        assertThat(rest.mails()).extracting(m -> m.reply().answer()).containsExactly("第三封答复");
        Batch none = inbox.fetch(new Checkpoint(all.uidValidity(), all.mails().get(2).uid()), 10);
        assertThat(none.mails()).isEmpty();
        assertThat(none.uidValidity()).isEqualTo(all.uidValidity());
    }

    @Test
    void aFetchReturnsAtMostMaxAndTheRestComesNext() throws Exception {
        for (int i = 1; i <= 3; i++) {
            send("Re: [WZ-20261126-000" + i + "]", "答复" + i, "<m" + i + "@officer.example>");
        }

        Batch first = inbox.fetch(Checkpoint.START, 2);
        Batch next = inbox.fetch(new Checkpoint(first.uidValidity(), first.mails().get(1).uid()), 2);

        assertThat(first.mails()).extracting(m -> m.reply().answer()).containsExactly("答复1", "答复2");
        assertThat(next.mails()).extracting(m -> m.reply().answer()).containsExactly("答复3");
    }

    @Test
    void aChangedUidValidityReturnsEverything() throws Exception {
        send("Re: a", "一", "<a@officer.example>");
        send("Re: b", "二", "<b@officer.example>");
        Batch all = inbox.fetch(Checkpoint.START, 10);
        long lastUid = all.mails().get(1).uid();

        Batch again = inbox.fetch(new Checkpoint(all.uidValidity() + 1, lastUid), 10);

        assertThat(again.uidValidity()).isEqualTo(all.uidValidity());
        assertThat(again.mails()).extracting(m -> m.reply().answer()).containsExactly("一", "二");
    }

    @Test
    void fetchingLeavesMailUnseenAndMarkSeenSetsTheFlag() throws Exception {
        send("Re: a", "一", "<a@officer.example>");
        send("Re: b", "二", "<b@officer.example>");
        Batch batch = inbox.fetch(Checkpoint.START, 10);
        long firstUid = batch.mails().get(0).uid();
        long secondUid = batch.mails().get(1).uid();

        assertThat(seen(firstUid)).isFalse();
        inbox.markSeen(batch.uidValidity(), firstUid);

        assertThat(seen(firstUid)).isTrue();
        assertThat(seen(secondUid)).isFalse();
        // A UID of another generation of the folder names nothing: nothing is marked.
        inbox.markSeen(batch.uidValidity() + 1, secondUid);
        assertThat(seen(secondUid)).isFalse();
    }

    @Test
    void awaitNewMailReturnsSoonAfterAMailArrivesWithIdle() throws Exception {
        assertThat(inbox.fetch(Checkpoint.START, 10).mails()).isEmpty();
        long started = System.nanoTime();
        CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> await(inbox, Duration.ofMinutes(5)));
        Thread.sleep(300); // let the IDLE begin; the result is the same if it has not yet

        send("Re: [WZ-20261126-0009]", "新的答复", "<new@officer.example>");

        waiting.get(PATIENCE_SECONDS, TimeUnit.SECONDS);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMinutes(1));
        assertThat(inbox.fetch(Checkpoint.START, 10).mails()).extracting(m -> m.reply().answer())
                .containsExactly("新的答复");
    }

    @Test
    void awaitNewMailReturnsWhenMailCameBeforeTheWaitBegan() throws Exception {
        assertThat(inbox.fetch(Checkpoint.START, 10).mails()).isEmpty();
        send("Re: x", "来得早", "<early@officer.example>");
        assertThat(greenMail.waitForIncomingEmail(10_000, 1)).isTrue();

        CompletableFuture.runAsync(() -> await(inbox, Duration.ofMinutes(5))).get(PATIENCE_SECONDS, TimeUnit.SECONDS);
    }

    @Test
    void awaitNewMailEndsAnIdleAfterMax() throws Exception {
        inbox.fetch(Checkpoint.START, 10);

        CompletableFuture.runAsync(() -> await(inbox, Duration.ofMillis(300))).get(PATIENCE_SECONDS, TimeUnit.SECONDS);
    }

    @Test
    void closeEndsAWaitingIdle() throws Exception {
        inbox.fetch(Checkpoint.START, 10);
        CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> await(inbox, Duration.ofMinutes(10)));
        Thread.sleep(300);

        inbox.close();

        waiting.get(PATIENCE_SECONDS, TimeUnit.SECONDS);
        assertThatThrownBy(() -> inbox.fetch(Checkpoint.START, 1)).isInstanceOf(MailboxException.class);
    }

    @Test
    void withoutIdleItPollsAndCloseWakesTheSleep() throws Exception {
        try (ImapMailInbox polling = new ImapMailInbox(imap(false, Duration.ofMillis(200)), Clock.systemUTC())) {
            CompletableFuture.runAsync(() -> await(polling, Duration.ofMinutes(5)))
                    .get(PATIENCE_SECONDS, TimeUnit.SECONDS);
        }
        ImapMailInbox slow = new ImapMailInbox(imap(false, Duration.ofMinutes(30)), Clock.systemUTC());
        CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> await(slow, Duration.ofMinutes(30)));
        Thread.sleep(200);
        slow.close();
        waiting.get(PATIENCE_SECONDS, TimeUnit.SECONDS);
    }

    @Test
    void aDroppedConnectionIsOpenedAgain() throws Exception {
        send("Re: before", "重启前", "<before@officer.example>");
        Batch before = inbox.fetch(Checkpoint.START, 10);
        assertThat(before.mails()).hasSize(1);
        int smtpPort = greenMail.getSmtp().getPort();
        int imapPort = greenMail.getImap().getPort();

        greenMail.stop();
        greenMail = new GreenMail(new ServerSetup[] {ServerSetupTest.SMTP.port(smtpPort),
            ServerSetupTest.IMAP.port(imapPort)});
        greenMail.start();
        greenMail.setUser(HOTLINE, HOTLINE, PASSWORD);
        send("Re: after", "重启后", "<after@officer.example>");

        // The same reader, its connection gone with the old server: reconnects within the call.
        Batch after = inbox.fetch(Checkpoint.START, 10);
        assertThat(after.mails()).extracting(m -> m.reply().answer()).containsExactly("重启后");
    }

    @Test
    void aRefusedLoginIsAMailboxException() {
        MailSettings.Imap wrong = new MailSettings.Imap("127.0.0.1", greenMail.getImap().getPort(),
                MailSettings.Security.NONE, HOTLINE, "wrong", Duration.ofSeconds(5), Duration.ofSeconds(10), "INBOX",
                true, Duration.ofMinutes(1));
        try (ImapMailInbox refused = new ImapMailInbox(wrong, Clock.systemUTC())) {
            assertThatThrownBy(() -> refused.fetch(Checkpoint.START, 10)).isInstanceOf(MailboxException.class)
                    .hasMessageContaining("127.0.0.1");
        }
    }

    @Test
    void aBatchStopsAtItsByteBudgetAndTheRestIsNotWaitedFor() throws Exception {
        send("Re: a", "一", "<a@officer.example>");
        send("Re: b", "二", "<b@officer.example>");
        try (ImapMailInbox small = new ImapMailInbox(imap(true, Duration.ofMinutes(10)), Clock.systemUTC(),
                ImapMailInbox.DEFAULT_MAX_MESSAGE_BYTES, 1)) {
            Batch first = small.fetch(Checkpoint.START, 10);
            assertThat(first.mails()).hasSize(1);

            // More is waiting: no IDLE, the caller fetches at once.
            CompletableFuture.runAsync(() -> await(small, Duration.ofMinutes(10)))
                    .get(PATIENCE_SECONDS, TimeUnit.SECONDS);
            Batch second = small.fetch(new Checkpoint(first.uidValidity(), first.mails().get(0).uid()), 10);
            assertThat(second.mails()).extracting(m -> m.reply().answer()).containsExactly("二");
        }
    }

    @Test
    void aMailOverTheSizeLimitIsReadAsItsHeadersAndTextWithoutFetchingItsAttachment() throws Exception {
        // 30 MB of attachment (40 MB in base64) ahead of an ordinary reply.
        deliver(withAttachment("Re: [WZ-20261126-0001] 待办", "可以补缴，材料清单见附件。", "<big@officer.example>",
                30 * 1024 * 1024));
        send("Re: [WZ-20261126-0002] 待办", "第二封答复", "<after-big@officer.example>");
        long stored = greenMail.getReceivedMessages()[0].getSize();

        try (CountingProxy proxy = new CountingProxy(greenMail.getImap().getPort());
                ImapMailInbox limited = new ImapMailInbox(imapAt(proxy.port()), Clock.systemUTC(),
                        ImapMailInbox.DEFAULT_MAX_MESSAGE_BYTES)) {
            Batch batch = limited.fetch(Checkpoint.START, 10);

            assertThat(stored).isGreaterThan(30L * 1024 * 1024);
            assertThat(batch.mails()).hasSize(2);
            MailInbox.FetchedMail big = batch.mails().get(0);
            assertThat(big.unreadable()).isEmpty();
            assertThat(big.reply().answer()).isEqualTo("可以补缴，材料清单见附件。");
            assertThat(big.reply().messageId()).contains("big@officer.example");
            assertThat(big.reply().ticketCode()).contains("WZ-20261126-0001");
            assertThat(big.reply().from()).isEqualTo("officer@wenzheng.local");
            assertThat(big.reply().note()).hasValueSatisfying(n -> assertThat(n).contains("attachments not taken")
                    .contains("mail.maxMessageBytes"));
            assertThat(big.raw().length).isLessThan(16 * 1024);
            assertThat(batch.mails().get(1).reply().answer()).isEqualTo("第二封答复");
            assertThat(batch.mails().get(1).reply().note()).isEmpty();
            // Everything the server sent on the connection: greeting, sizes, structure, headers, two texts.
            assertThat(proxy.bytesFromServer()).isLessThan(256 * 1024);
        }
    }

    @Test
    void aMailOverTheSizeLimitWithoutTextWithinItIsUnreadableAndTheNextIsRead() throws Exception {
        int limit = 256 * 1024;
        deliver(withAttachment("Re: [WZ-20261126-0001] 待办", "长".repeat(200_000), "<long-text@officer.example>", 0));
        deliver(attachmentOnly("<no-text@officer.example>", 2 * limit));
        send("Re: [WZ-20261126-0002] 待办", "第三封答复", "<after@officer.example>");

        try (CountingProxy proxy = new CountingProxy(greenMail.getImap().getPort());
                ImapMailInbox limited = new ImapMailInbox(imapAt(proxy.port()), Clock.systemUTC(), limit)) {
            Batch batch = limited.fetch(Checkpoint.START, 10);

            assertThat(batch.mails()).hasSize(3);
            assertThat(batch.mails().get(0).unreadable()).hasValueSatisfying(why -> assertThat(why)
                    .contains("over mail.maxMessageBytes (" + limit + ")").contains("its text part alone has"));
            assertThat(batch.mails().get(0).reply().subject()).isEqualTo("Re: [WZ-20261126-0001] 待办");
            assertThat(batch.mails().get(1).unreadable()).hasValueSatisfying(why -> assertThat(why)
                    .contains("it has no text part"));
            assertThat(batch.mails().get(1).reply().messageId()).contains("no-text@officer.example");
            assertThat(batch.mails().get(2).unreadable()).isEmpty();
            assertThat(batch.mails().get(2).reply().answer()).isEqualTo("第三封答复");
            assertThat(proxy.bytesFromServer()).isLessThan(limit);
        }
    }

    @Test
    void theSizeLimitMustBePositive() {
        assertThatThrownBy(() -> new ImapMailInbox(imap(true, Duration.ofMinutes(10)), Clock.systemUTC(), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxMessageBytes");
    }

    /** A reply with its text and, when {@code attachmentBytes > 0}, a PDF of that many random bytes. */
    private static MimeMessage withAttachment(String subject, String text, String messageId, int attachmentBytes)
            throws Exception {
        MimeMessage m = fixedId(messageId);
        m.setFrom(new InternetAddress("officer@wenzheng.local"));
        m.setRecipient(Message.RecipientType.TO, new InternetAddress(HOTLINE));
        m.setSubject(subject, "UTF-8");
        MimeMultipart mixed = new MimeMultipart("mixed");
        MimeBodyPart body = new MimeBodyPart();
        body.setText(text, "UTF-8");
        mixed.addBodyPart(body);
        if (attachmentBytes > 0) {
            mixed.addBodyPart(pdf(attachmentBytes));
        }
        m.setContent(mixed);
        m.saveChanges();
        return m;
    }

    private static MimeMessage attachmentOnly(String messageId, int attachmentBytes) throws Exception {
        MimeMessage m = fixedId(messageId);
        m.setFrom(new InternetAddress("officer@wenzheng.local"));
        m.setRecipient(Message.RecipientType.TO, new InternetAddress(HOTLINE));
        m.setSubject("扫描件", "UTF-8");
        MimeMultipart mixed = new MimeMultipart("mixed");
        mixed.addBodyPart(pdf(attachmentBytes));
        m.setContent(mixed);
        m.saveChanges();
        return m;
    }

    private static MimeBodyPart pdf(int bytes) throws Exception {
        byte[] data = new byte[bytes];
        new java.util.Random(42).nextBytes(data);
        MimeBodyPart p = new MimeBodyPart();
        p.setDataHandler(new jakarta.activation.DataHandler(new jakarta.mail.util.ByteArrayDataSource(data,
                "application/pdf")));
        p.setFileName("材料.pdf");
        p.setDisposition(jakarta.mail.Part.ATTACHMENT);
        return p;
    }

    private static MimeMessage fixedId(String messageId) {
        return new MimeMessage(Session.getInstance(new Properties())) {
            @Override
            protected void updateMessageID() throws jakarta.mail.MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
    }

    private void deliver(MimeMessage m) throws Exception {
        greenMail.getUserManager().getUserByEmail(HOTLINE).deliver(m);
    }

    private MailSettings.Imap imapAt(int port) {
        return new MailSettings.Imap("127.0.0.1", port, MailSettings.Security.NONE, HOTLINE, PASSWORD,
                Duration.ofSeconds(5), READ_TIMEOUT, "INBOX", true, Duration.ofMinutes(10));
    }

    private MailSettings.Imap imap(boolean idle, Duration poll) {
        return new MailSettings.Imap("127.0.0.1", greenMail.getImap().getPort(), MailSettings.Security.NONE, HOTLINE,
                PASSWORD, Duration.ofSeconds(5), READ_TIMEOUT, "INBOX", idle, poll);
    }

    private static void await(MailInbox box, Duration max) {
        try {
            box.awaitNewMail(max);
        } catch (MailboxException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An officer's reply, sent over SMTP to Wenzheng's mailbox. */
    private void send(String subject, String text, String messageId) throws Exception {
        Properties p = new Properties();
        p.setProperty("mail.smtp.host", "127.0.0.1");
        p.setProperty("mail.smtp.port", Integer.toString(greenMail.getSmtp().getPort()));
        Session session = Session.getInstance(p);
        MimeMessage m = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws jakarta.mail.MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        m.setFrom(new InternetAddress("officer@wenzheng.local"));
        m.setRecipient(Message.RecipientType.TO, new InternetAddress(HOTLINE));
        m.setSubject(subject, "UTF-8");
        m.setHeader("In-Reply-To", "<n-1@wenzheng.local>");
        m.setText(text, "UTF-8");
        Transport.send(m);
    }

    private boolean seen(long uid) throws Exception {
        try (Store store = Session.getInstance(new Properties()).getStore("imap")) {
            store.connect("127.0.0.1", greenMail.getImap().getPort(), HOTLINE, PASSWORD);
            Folder f = store.getFolder("INBOX");
            f.open(Folder.READ_ONLY);
            try {
                return ((UIDFolder) f).getMessageByUID(uid).isSet(Flags.Flag.SEEN);
            } finally {
                f.close(false);
            }
        }
    }
}
