package org.wenzheng.server.replies;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wenzheng.connectors.mail.MailInbox;
import org.wenzheng.server.db.Database;

/**
 * Exactly once across crashes: the inbound processor runs in a child process that is killed
 * (Runtime.halt) before a mail's commit, then after the commit but before \Seen; a third child
 * processes what is left. Every answer is recorded once, none is lost.
 */
class InboundCrashTest {
    @TempDir
    Path work;

    private GreenMail greenMail;

    @AfterEach
    void stop() {
        if (greenMail != null) {
            greenMail.stop();
        }
    }

    @Test
    void aProcessKilledBeforeOrAfterTheCommitRecordsEveryAnswerExactlyOnce() throws Exception {
        int smtp = MailFixtures.freePort();
        int imap = MailFixtures.freePort();
        greenMail = MailFixtures.greenMail(smtp, imap);
        List<String> codes = new ArrayList<>();
        try (Bridge b = new Bridge(work, TestDatabases.embedded(work), MailFixtures.config(smtp, imap),
                InboundProcessor.Hooks.NONE)) {
            for (String q : List.of("公积金怎么提取？", "居住证到期了怎么续签？", "社保断缴了三个月，还能补缴吗？")) {
                codes.add(b.escalate(q));
            }
            for (int i = 0; i < codes.size(); i++) {
                MimeMessage m = Bridge.reply(smtp, MailFixtures.OFFICER, b.replyAddressOf(codes.get(i)),
                        "Re: " + codes.get(i), answer(i),
                        "crash-" + i + "@officer.example");
                m.setHeader("In-Reply-To", "<" + b.threadOf(codes.get(i)) + ">");
                Transport.send(m);
            }
            assertThat(greenMail.waitForIncomingEmail(5000, codes.size() + 3)).isTrue();
        }

        assertThat(runChild("halt-before-commit")).isEqualTo(InboundChildProcess.HALTED_BEFORE);
        try (Database db = Database.open(TestDatabases.embedded(work))) {
            assertThat(new InboundStore(db).checkpoint(MailFixtures.config(smtp, imap).mailboxKey()))
                    .isEqualTo(MailInbox.Checkpoint.START);
            assertThat(count(db, "SELECT COUNT(*) FROM inbound_seen")).isZero();
            assertThat(count(db, "SELECT COUNT(*) FROM tickets WHERE answer IS NOT NULL")).isZero();
        }

        assertThat(runChild("halt-after-commit")).isEqualTo(InboundChildProcess.HALTED_AFTER);
        try (Database db = Database.open(TestDatabases.embedded(work))) {
            assertThat(count(db, "SELECT COUNT(*) FROM inbound_seen")).isEqualTo(1);
            assertThat(count(db, "SELECT COUNT(*) FROM tickets WHERE answer IS NOT NULL")).isEqualTo(1);
        }

        assertThat(runChild("run")).isZero();
        assertThat(runChild("run")).as("a second run finds nothing new").isZero();

        try (Database db = Database.open(TestDatabases.embedded(work))) {
            for (int i = 0; i < codes.size(); i++) {
                String code = codes.get(i);
                assertThat(count(db, "SELECT COUNT(*) FROM ticket_events WHERE kind = 'answered' AND ticket_code = '"
                        + code + "'")).as(code).isEqualTo(1);
                assertThat(text(db, "SELECT answer FROM tickets WHERE code = '" + code + "'")).isEqualTo(answer(i));
            }
            assertThat(count(db, "SELECT COUNT(*) FROM ticket_events WHERE kind = 'answer_again'")).isZero();
            assertThat(count(db, "SELECT COUNT(*) FROM inbound_seen WHERE outcome = 'answered'")).isEqualTo(3);
            assertThat(count(db, "SELECT COUNT(*) FROM inbound_held")).isZero();
            // As after a new UIDVALIDITY: the whole folder is read again, and nothing is answered twice.
            db.inTransaction(c -> {
                try (PreparedStatement s = c.prepareStatement("DELETE FROM mailbox_checkpoints")) {
                    return s.executeUpdate();
                }
            });
        }
        assertThat(runChild("run")).isZero();
        try (Database db = Database.open(TestDatabases.embedded(work))) {
            assertThat(count(db, "SELECT COUNT(*) FROM ticket_events WHERE kind = 'answered'")).isEqualTo(3);
            assertThat(count(db, "SELECT COUNT(*) FROM ticket_events WHERE kind = 'answer_again'")).isZero();
        }
    }

    private static String answer(int i) {
        return "第" + (i + 1) + "号答复：请携带身份证到政务服务中心办理。";
    }

    private int runChild(String mode) throws Exception {
        Path out = work.resolve("child-" + mode + "-" + System.nanoTime() + ".txt");
        Process child = InboundChildProcess.start(mode, work, greenMail.getSmtp().getPort(),
                greenMail.getImap().getPort(), out);
        boolean ended = child.waitFor(60, TimeUnit.SECONDS);
        if (!ended) {
            child.destroyForcibly();
        }
        assertThat(ended).as(Files.readString(out)).isTrue();
        System.out.println("child " + mode + ": exit " + child.exitValue() + "\n" + Files.readString(out));
        return child.exitValue();
    }

    private static int count(Database db, String sql) {
        return db.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement(sql); ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        });
    }

    private static String text(Database db, String sql) {
        return db.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement(sql); ResultSet r = s.executeQuery()) {
                r.next();
                return r.getString(1);
            }
        });
    }
}
