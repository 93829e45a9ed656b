package org.wenzheng.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A folder made read-only for real: nothing can be created in it, by this process either, which
 * the test proves by trying. Permissions suffice for an ordinary user; root ignores them (tests
 * often run as root in containers), so as root the folder is made immutable ({@code chattr +i},
 * on ext2/3/4, XFS, Btrfs). {@link #close} undoes it so the temporary folder can be deleted.
 */
final class ReadOnlyFolder implements AutoCloseable {
    private final Path folder;
    private final String undo;

    private ReadOnlyFolder(Path folder, String undo) {
        this.folder = folder;
        this.undo = undo;
    }

    /** The folder made read-only, or empty when neither way works on this machine. */
    static Optional<ReadOnlyFolder> of(Path folder) throws IOException, InterruptedException {
        Set<PosixFilePermission> before = Files.getPosixFilePermissions(folder);
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("r-xr-xr-x"));
        if (!writable(folder)) {
            return Optional.of(new ReadOnlyFolder(folder, PosixFilePermissions.toString(before)));
        }
        Files.setPosixFilePermissions(folder, before);
        if (run("chattr", "+i", folder.toString()) && !writable(folder)) {
            return Optional.of(new ReadOnlyFolder(folder, "chattr"));
        }
        run("chattr", "-i", folder.toString());
        return Optional.empty();
    }

    private static boolean writable(Path folder) {
        try {
            Files.delete(Files.createTempFile(folder, "probe", ".tmp"));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean run(String... command) throws InterruptedException {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException notInstalled) {
            return false;
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (undo.equals("chattr")) {
            run("chattr", "-i", folder.toString());
        } else {
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString(undo));
        }
    }
}
