package org.wenzheng.server.replies;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.wenzheng.connectors.TicketNotice;
import org.wenzheng.connectors.mail.MailSettings;

/** Real mail servers and notices for the mail bridge's tests. */
final class MailFixtures {
    static final String OFFICER = "officer@wenzheng.local";
    static final String SUPERVISOR = "supervisor@wenzheng.local";

    private MailFixtures() {
    }

    /** A port free at the moment (for a server started later on it). */
    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A GreenMail SMTP+IMAP server on loopback with the hotline, officer and supervisor mailboxes. */
    static GreenMail greenMail(int smtpPort, int imapPort) {
        GreenMail g = new GreenMail(new ServerSetup[] {new ServerSetup(smtpPort, "127.0.0.1", "smtp"),
                new ServerSetup(imapPort, "127.0.0.1", "imap")})
                .withConfiguration(GreenMailConfiguration.aConfig().withSieveIgnoreDetail()
                        .withUser(RepliesConfig.HOTLINE, RepliesConfig.HOTLINE, "hotline")
                        .withUser(OFFICER, OFFICER, "officer")
                        .withUser(SUPERVISOR, SUPERVISOR, "supervisor"));
        g.start();
        return g;
    }

    /** The bridge's settings for servers on these ports, with short waits for tests. */
    static RepliesConfig config(int smtpPort, int imapPort) {
        RepliesConfig d = RepliesConfig.embeddedDefaults(smtpPort, imapPort, "hotline", List.of());
        MailSettings.Imap imap = d.mail().imap();
        // Short poll: a test without IDLE support must still see mail quickly.
        MailSettings.Imap fast = new MailSettings.Imap(imap.host(), imap.port(), imap.security(), imap.username(),
                imap.password(), Duration.ofSeconds(5), Duration.ofSeconds(10), imap.folder(), true,
                Duration.ofMillis(200));
        return new RepliesConfig(false, new MailSettings(d.mail().smtp(), fast), Duration.ofSeconds(2),
                d.fetchBatch(), Duration.ofMillis(200), d.relayBatch(),
                new Backoff(Duration.ofMillis(100), Duration.ofMillis(300), 2.0),
                new Backoff(Duration.ofMillis(100), Duration.ofMillis(500), 2.0), List.of(), List.of(),
                d.intake());
    }

    static TicketNotice escalation(String id, String code, String... recipients) {
        Instant asked = Instant.parse("2026-11-26T02:15:00Z");
        return new TicketNotice(id, TicketNotice.Kind.ESCALATION, code, "office", "综合办公室", List.of(recipients),
                "我在外地工作，社保断缴了三个月，还能补缴吗？", "web", asked, List.of(), List.of(),
                LocalDate.of(2026, 12, 1), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** Waits until the condition holds, failing after the timeout. */
    static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    /**
     * An SMTP server that refuses every recipient with the given reply (550: permanent), over a
     * real socket, as a mail server refusing an unknown mailbox does.
     */
    static final class RefusingSmtp implements AutoCloseable {
        private final ServerSocket server;
        private final Thread thread;

        RefusingSmtp(String rcptReply) throws IOException {
            server = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
            thread = new Thread(() -> {
                while (!server.isClosed()) {
                    try (Socket s = server.accept()) {
                        converse(s, rcptReply);
                    } catch (IOException e) {
                        // closed, or the client went away: next connection
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
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = s.getOutputStream();
            write(out, "220 refusing.test ESMTP");
            for (String line; (line = in.readLine()) != null; ) {
                String cmd = line.length() >= 4 ? line.substring(0, 4).toUpperCase(java.util.Locale.ROOT) : line;
                switch (cmd) {
                    case "EHLO", "HELO" -> write(out, "250 refusing.test");
                    case "MAIL" -> write(out, "250 2.1.0 Ok");
                    case "RCPT" -> write(out, rcptReply);
                    case "RSET", "NOOP" -> write(out, "250 2.0.0 Ok");
                    case "QUIT" -> {
                        write(out, "221 2.0.0 Bye");
                        return;
                    }
                    default -> write(out, "502 5.5.2 Error: command not recognized");
                }
            }
        }

        private static void write(OutputStream out, String line) throws IOException {
            out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
