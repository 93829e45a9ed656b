package org.wenzheng.server.replies;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.wenzheng.connectors.mail.MailInbox;
import org.wenzheng.server.db.DatabaseConfig;

/**
 * The inbound processor in a process of its own, so that a test can kill it at a chosen point
 * ({@link Runtime#halt}: no shutdown hook, no finally, no flush; as a power cut or SIGKILL). Modes:
 * {@code halt-before-commit} and {@code halt-after-commit} die at that point of the first mail
 * they process, with exit status {@value #HALTED_BEFORE} or {@value #HALTED_AFTER}; {@code run}
 * processes every mail and exits 0.
 */
final class InboundChildProcess {
    static final int HALTED_BEFORE = 97;
    static final int HALTED_AFTER = 98;
    private static final String WORK = "WZ_TEST_WORK";
    private static final String SMTP = "WZ_TEST_SMTP_PORT";
    private static final String IMAP = "WZ_TEST_IMAP_PORT";

    private InboundChildProcess() {
    }

    /** Starts a child on the SQLite database of this work folder and the mail server on these ports. */
    static Process start(String mode, Path work, int smtpPort, int imapPort, Path output) throws IOException {
        ProcessBuilder b = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), InboundChildProcess.class.getName(), mode)
                .redirectErrorStream(true).redirectOutput(output.toFile());
        b.environment().put(WORK, work.toString());
        b.environment().put(SMTP, String.valueOf(smtpPort));
        b.environment().put(IMAP, String.valueOf(imapPort));
        return b.start();
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        Path work = Path.of(System.getenv(WORK));
        RepliesConfig config = MailFixtures.config(Integer.parseInt(System.getenv(SMTP)),
                Integer.parseInt(System.getenv(IMAP)));
        InboundProcessor.Hooks hooks = new InboundProcessor.Hooks() {
            @Override
            public void beforeCommit(MailInbox.FetchedMail mail) {
                if (mode.equals("halt-before-commit")) {
                    System.out.println("halting before the commit of uid " + mail.uid());
                    Runtime.getRuntime().halt(HALTED_BEFORE);
                }
            }

            @Override
            public void afterCommit(MailInbox.FetchedMail mail) {
                if (mode.equals("halt-after-commit")) {
                    System.out.println("halting after the commit of uid " + mail.uid() + ", before \\Seen");
                    Runtime.getRuntime().halt(HALTED_AFTER);
                }
            }
        };
        DatabaseConfig database = TestDatabases.embedded(work);
        try (Bridge bridge = new Bridge(work, database, config, hooks)) {
            long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (bridge.processor.processOnce() > 0 && System.nanoTime() < end) {
                // until a round reads nothing new
            }
            System.out.println("done");
        }
        System.exit(0);
    }
}
