package org.wenzheng.server.replies;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10: the embedded mail server kept mail in memory, so escalations the outbox had marked
 * sent and replies SMTP had accepted were gone after a restart. Now every mail accepted by its
 * SMTP is on the disk before the 250, and comes back after a restart, even after SIGKILL, in both
 * directions: Wenzheng's escalations into an officer's mailbox, officers' replies into Wenzheng's.
 */
class EmbeddedMailStoreTest {
    private static final String OFFICER = "officer@wenzheng.local";
    private static final String OFFICER_PASSWORD = "officer-pw";
    private static final String HOTLINE_PASSWORD = "hotline-pw";

    @TempDir
    Path work;

    private RepliesConfig config(int smtp, int imap) {
        return RepliesConfig.embeddedDefaults(smtp, imap, HOTLINE_PASSWORD,
                List.of(new RepliesConfig.Account(OFFICER, OFFICER_PASSWORD)));
    }

    @Test
    void mailAndItsFlagsSurviveARestartAndExpungedMailStaysGone() throws Exception {
        Path store = work.resolve("mail");
        int smtp = MailFixtures.freePort();
        int imap = MailFixtures.freePort();
        try (EmbeddedMailServer server = EmbeddedMailServer.start(config(smtp, imap), store)) {
            send(smtp, OFFICER, RepliesConfig.HOTLINE, "Re: [WZ-20261207-0001] 答复", "请携带身份证办理。", "r1@officer");
            send(smtp, OFFICER, RepliesConfig.HOTLINE, "Re: [WZ-20261207-0002] 答复", "已转交。", "r2@officer");
            send(smtp, RepliesConfig.HOTLINE, OFFICER, "[WZ-20261207-0003] 新的咨询", "社保怎么转移？", "e3@wenzheng");
            try (Store s = login(imap, RepliesConfig.HOTLINE, HOTLINE_PASSWORD)) {
                Folder inbox = s.getFolder("INBOX");
                inbox.open(Folder.READ_WRITE);
                Map<String, Message> byId = byMessageId(inbox);
                byId.get("<r1@officer>").setFlag(Flags.Flag.SEEN, true);
                byId.get("<r2@officer>").setFlag(Flags.Flag.DELETED, true);
                inbox.close(true); // expunge
            }
        }

        int smtp2 = MailFixtures.freePort();
        int imap2 = MailFixtures.freePort();
        try (EmbeddedMailServer again = EmbeddedMailServer.start(config(smtp2, imap2), store)) {
            try (Store s = login(imap2, RepliesConfig.HOTLINE, HOTLINE_PASSWORD)) {
                Folder inbox = s.getFolder("INBOX");
                inbox.open(Folder.READ_ONLY);
                Map<String, Message> byId = byMessageId(inbox);
                assertThat(byId).containsOnlyKeys("<r1@officer>");
                assertThat(byId.get("<r1@officer>").isSet(Flags.Flag.SEEN)).isTrue();
                assertThat(byId.get("<r1@officer>").getContent().toString()).contains("请携带身份证办理。");
            }
            try (Store s = login(imap2, OFFICER, OFFICER_PASSWORD)) {
                Folder inbox = s.getFolder("INBOX");
                inbox.open(Folder.READ_ONLY);
                assertThat(byMessageId(inbox)).containsOnlyKeys("<e3@wenzheng>");
            }
            // New mail after the restart is kept too, and a second restart loads nothing twice.
            send(smtp2, OFFICER, RepliesConfig.HOTLINE, "Re: [WZ-20261207-0004] 答复", "已办结。", "r4@officer");
        }
        int imap3 = MailFixtures.freePort();
        try (EmbeddedMailServer third = EmbeddedMailServer.start(config(MailFixtures.freePort(), imap3), store);
                Store s = login(imap3, RepliesConfig.HOTLINE, HOTLINE_PASSWORD)) {
            Folder inbox = s.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            assertThat(inbox.getMessageCount()).isEqualTo(2);
            assertThat(byMessageId(inbox)).containsOnlyKeys("<r1@officer>", "<r4@officer>");
        }
    }

    @Test
    void everyMailAcceptedBeforeTheServerIsKilledIsThereAfterItsRestartInBothDirections() throws Exception {
        Path store = work.resolve("mail");
        int smtp = MailFixtures.freePort();
        int imap = MailFixtures.freePort();
        Process first = EmbeddedMailServerChild.start(store, smtp, imap);
        awaitReady(first);
        List<String> replies = new ArrayList<>();
        List<String> escalations = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            // Transport.send returns once the server answered 250 to the end of the data.
            String reply = "reply-" + i + "@officer";
            send(smtp, OFFICER, RepliesConfig.HOTLINE, "Re: [WZ-20261207-" + i + "] 答复", "第" + i + "号答复", reply);
            replies.add("<" + reply + ">");
            String escalation = "escalation-" + i + "@wenzheng";
            send(smtp, RepliesConfig.HOTLINE, OFFICER, "[WZ-20261207-" + i + "] 咨询", "第" + i + "号问题", escalation);
            escalations.add("<" + escalation + ">");
        }
        first.destroyForcibly(); // SIGKILL: no shutdown hook runs
        assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();

        int imap2 = MailFixtures.freePort();
        Process second = EmbeddedMailServerChild.start(store, MailFixtures.freePort(), imap2);
        try {
            awaitReady(second);
            try (Store s = login(imap2, RepliesConfig.HOTLINE, HOTLINE_PASSWORD)) {
                Folder inbox = s.getFolder("INBOX");
                inbox.open(Folder.READ_ONLY);
                assertThat(byMessageId(inbox).keySet()).as("officers' replies SMTP accepted")
                        .containsExactlyInAnyOrderElementsOf(replies);
            }
            try (Store s = login(imap2, OFFICER, OFFICER_PASSWORD)) {
                Folder inbox = s.getFolder("INBOX");
                inbox.open(Folder.READ_ONLY);
                assertThat(byMessageId(inbox).keySet()).as("escalations the outbox would have marked sent")
                        .containsExactlyInAnyOrderElementsOf(escalations);
            }
        } finally {
            second.destroyForcibly();
            second.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static void awaitReady(Process p) throws Exception {
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        List<String> seen = new ArrayList<>();
        for (String line; (line = r.readLine()) != null; ) {
            if (line.equals(EmbeddedMailServerChild.READY)) {
                // Keep draining, so that the child never blocks on a full pipe.
                Thread drain = new Thread(() -> {
                    try {
                        while (r.readLine() != null) {
                            // discarded
                        }
                    } catch (java.io.IOException ignored) {
                        // the child died
                    }
                });
                drain.setDaemon(true);
                drain.start();
                return;
            }
            seen.add(line);
        }
        throw new AssertionError("the mail server child ended before it was ready: " + seen);
    }

    static void send(int smtpPort, String from, String to, String subject, String text, String messageId)
            throws MessagingException {
        Transport.send(Bridge.reply(smtpPort, from, to, subject, text, messageId));
    }

    static Store login(int imapPort, String user, String password) throws MessagingException {
        Properties p = new Properties();
        p.put("mail.imap.host", "127.0.0.1");
        p.put("mail.imap.port", String.valueOf(imapPort));
        Store s = Session.getInstance(p).getStore("imap");
        s.connect("127.0.0.1", imapPort, user, password);
        return s;
    }

    private static Map<String, Message> byMessageId(Folder folder) throws MessagingException {
        Map<String, Message> out = new HashMap<>();
        for (Message m : folder.getMessages()) {
            out.put(m.getHeader("Message-ID")[0], m);
        }
        return out;
    }
}
