package org.wenzheng.server.replies;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** The embedded mail server in a process of its own, for {@link EmbeddedMailStoreTest} to kill. */
final class EmbeddedMailServerChild {
    static final String READY = "ready";

    private EmbeddedMailServerChild() {
    }

    static Process start(Path store, int smtpPort, int imapPort) throws IOException {
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), EmbeddedMailServerChild.class.getName(), store.toString(),
                String.valueOf(smtpPort), String.valueOf(imapPort)).redirectErrorStream(true).start();
    }

    public static void main(String[] args) throws Exception {
        RepliesConfig config = RepliesConfig.embeddedDefaults(Integer.parseInt(args[1]),
                Integer.parseInt(args[2]), "hotline-pw",
                List.of(new RepliesConfig.Account("officer@wenzheng.local", "officer-pw")));
        EmbeddedMailServer server = EmbeddedMailServer.start(config, Path.of(args[0]));
        System.out.println(READY);
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
        server.close();
    }
}
