package org.wenzheng.app.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.wenzheng.app.config.AppConfig;
import org.wenzheng.knowledge.index.PassageIndexer;

/**
 * The folders {@code serve} writes, proven writable before it starts: a read-only data folder
 * otherwise passes every check that only reads ({@code /healthz} said ok) and fails each write
 * later with a 500. Permissions cannot tell (root ignores them; a read-only mount, an immutable
 * attribute or a full disk do not show in them), so each folder is written to: a probe file is
 * created, written, forced to the disk and deleted.
 *
 * <p>The folders are named, not found by what the database or the index keep in them, so the
 * check does not change with the database engine. A folder not made yet is checked where it will
 * be made: its nearest existing parent.
 */
final class WritableFolders {
    /** The embedded database's folder in the data folder (whichever engine keeps its files there). */
    static final String DATABASE_FOLDER = "db";
    private static final String PROBE_PREFIX = ".wenzheng-write-probe-";

    private WritableFolders() {
    }

    /** The folders serve writes with this configuration: the data folder, the index, the vectors, the database, uploads. */
    static List<Path> ofServer(AppConfig config) {
        Path data = config.dataDir();
        Path index = config.indexDir();
        return List.of(data, index, index.toAbsolutePath().normalize().resolveSibling(PassageIndexer.EMBEDDINGS_FOLDER),
                data.resolve(DATABASE_FOLDER), config.admin().uploadsDir());
    }

    /**
     * Writes a probe in each folder (or where it will be made).
     *
     * @throws IOException naming the first folder that cannot be written, and why, in one line
     */
    static void check(List<Path> folders) throws IOException {
        Set<Path> probed = new LinkedHashSet<>();
        for (Path folder : folders) {
            Path f = folder.toAbsolutePath().normalize();
            Path existing = f;
            while (existing != null && !Files.exists(existing)) {
                existing = existing.getParent();
            }
            if (existing == null) {
                throw new IOException("the folder " + f + " cannot be made: no part of its path exists");
            }
            if (!Files.isDirectory(existing)) {
                throw new IOException(existing.equals(f)
                        ? "the folder " + f + " is not a folder (a file of that name is in the way)"
                        : "the folder " + f + " cannot be made: " + existing + " is a file, not a folder");
            }
            if (probed.add(existing)) {
                probe(existing, f);
            }
        }
    }

    private static void probe(Path folder, Path wanted) throws IOException {
        Path probe = folder.resolve(PROBE_PREFIX + UUID.randomUUID());
        try {
            try (FileChannel ch = FileChannel.open(probe, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ch.write(ByteBuffer.wrap("wenzheng".getBytes(StandardCharsets.US_ASCII)));
                ch.force(true);
            }
            Files.delete(probe);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(probe);
            } catch (IOException ignored) {
                // The folder is unusable already; the first failure is the one to report.
            }
            String what = folder.equals(wanted) ? "the folder " + wanted
                    : "the folder " + wanted + " (to be made in " + folder + ")";
            throw new IOException(what + " cannot be written: " + reason(e) + "; serve keeps its index, database"
                    + " and uploads there (see --data)", e);
        }
    }

    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
