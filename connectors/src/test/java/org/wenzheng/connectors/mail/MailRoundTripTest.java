package org.wenzheng.connectors.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Folder;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.wenzheng.connectors.InboundReply;
import org.wenzheng.connectors.mail.MailInbox.Batch;

/** The whole loop over real sockets: an escalation goes out, an officer's client replies, the reply comes in. */
class MailRoundTripTest {
    private static final String HOTLINE = "hotline@wenzheng.local";
    private static final String OFFICER = "officer@wenzheng.local";

    private GreenMail greenMail;

    @BeforeEach
    void start() {
        // Subaddressing, as the office's server must offer it: hotline+token@… is delivered to hotline@….
        greenMail = new GreenMail(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP))
                .withConfiguration(com.icegreen.greenmail.configuration.GreenMailConfiguration.aConfig()
                        .withSieveIgnoreDetail());
        greenMail.start();
        greenMail.setUser(HOTLINE, HOTLINE, "hotline");
        greenMail.setUser(OFFICER, OFFICER, "officer");
    }

    @AfterEach
    void stop() {
        greenMail.stop();
    }

    @Test
    void anOfficersReplyFromAMailClientComesBackThreadedWithOnlyTheNewText() throws Exception {
        int smtp = greenMail.getSmtp().getPort();
        int imap = greenMail.getImap().getPort();
        String messageId;
        try (MailConnector connector = new MailConnector(MailSettings.Smtp.local(smtp, HOTLINE), Clock.systemUTC(),
                n -> "roundtriproundtriproundtri")) {
            messageId = connector.deliver(Notices.escalation("n-100", OFFICER));
        }
        assertThat(greenMail.waitForIncomingEmail(10_000, 1)).isTrue();

        // The officer's client: opens the escalation and replies on top of the quote, as clients do.
        Session client = Session.getInstance(smtpProperties(smtp));
        try (Store store = client.getStore("imap")) {
            store.connect("127.0.0.1", imap, OFFICER, "officer");
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            MimeMessage escalation = (MimeMessage) inbox.getMessage(1);
            MimeMessage reply = (MimeMessage) escalation.reply(false);
            reply.setFrom(new InternetAddress(OFFICER));
            String quoted = ((String) escalation.getContent()).lines().map(l -> "> " + l)
                    .reduce((a, b) -> a + "\n" + b).orElseThrow();
            reply.setText("可以补缴，请携带身份证到社保中心办理。\n\n-- \n社保科 张三\n\n"
                    + "On Thu, Nov 26, 2026 at 10:15 AM 问政 <hotline@wenzheng.local> wrote:\n" + quoted, "UTF-8");
            Transport.send(reply);
            inbox.close(false);
        }
        assertThat(greenMail.waitForIncomingEmail(10_000, 2)).isTrue();

        MailSettings.Imap settings = new MailSettings.Imap("127.0.0.1", imap, MailSettings.Security.NONE, HOTLINE,
                "hotline", Duration.ofSeconds(5), Duration.ofSeconds(30), "INBOX", true, Duration.ofSeconds(5));
        try (ImapMailInbox hotline = new ImapMailInbox(settings, Clock.systemUTC())) {
            Batch batch = hotline.fetch(MailInbox.Checkpoint.START, 10);

            assertThat(batch.mails()).hasSize(1);
            InboundReply r = batch.mails().get(0).reply();
            assertThat(r.inReplyTo()).contains(messageId);
            assertThat(r.references()).contains(messageId);
            assertThat(r.ticketCode()).contains("WZ-20261126-0007");
            assertThat(r.subject()).startsWith("Re: [WZ-20261126-0007]");
            assertThat(r.from()).isEqualTo(OFFICER);
            assertThat(r.recipients()).containsExactly("hotline+roundtriproundtriproundtri@wenzheng.local");
            assertThat(r.kind()).isEqualTo(InboundReply.Kind.PERSON);
            assertThat(r.answer()).isEqualTo("可以补缴，请携带身份证到社保中心办理。");
        }
    }

    private static Properties smtpProperties(int port) {
        Properties p = new Properties();
        p.setProperty("mail.smtp.host", "127.0.0.1");
        p.setProperty("mail.smtp.port", Integer.toString(port));
        return p;
    }
}
