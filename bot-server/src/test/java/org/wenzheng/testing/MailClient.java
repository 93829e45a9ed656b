package org.wenzheng.testing;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Properties;

/** What an officer's mail client does in tests: read a mailbox over IMAP (the embedded mail server's). */
public final class MailClient {
    private MailClient() {
    }

    /**
     * Polls a mailbox over IMAP until a mail whose subject names {@code code} is there, and returns
     * a detached copy of it (its session sends over {@code smtpPort}, so that {@code reply(…)} and
     * {@code Transport.send} work on it).
     *
     * @throws AssertionError when none arrives within 20 seconds
     */
    public static MimeMessage awaitMail(int smtpPort, int imapPort, String user, String password, String code)
            throws Exception {
        Properties p = new Properties();
        p.put("mail.smtp.host", "127.0.0.1");
        p.put("mail.smtp.port", String.valueOf(smtpPort));
        Session session = Session.getInstance(p);
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < end) {
            try (Store store = session.getStore("imap")) {
                store.connect("127.0.0.1", imapPort, user, password);
                Folder inbox = store.getFolder("INBOX");
                inbox.open(Folder.READ_ONLY);
                for (Message m : inbox.getMessages()) {
                    if (m.getSubject() != null && m.getSubject().contains(code)) {
                        ByteArrayOutputStream raw = new ByteArrayOutputStream();
                        m.writeTo(raw);
                        inbox.close(false);
                        return new MimeMessage(session, new ByteArrayInputStream(raw.toByteArray()));
                    }
                }
                inbox.close(false);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no mail about " + code + " in " + user + "'s mailbox");
    }
}
