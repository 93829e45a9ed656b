package org.wenzheng.server.letters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wenzheng.server.db.SqlTimes;

/**
 * Letters' attachments: the bytes in the attachments folder, each under a random name that says
 * nothing of its letter or its file, and a {@code letter_attachments} row naming it. Files are
 * written before the transaction that inserts their rows ({@link #write}), and removed again when
 * it does not commit ({@link Written#discard}); a file without a row is never served. Thread-safe.
 */
final class AttachmentStore {
    private static final Logger log = LoggerFactory.getLogger(AttachmentStore.class);
    private static final HexFormat HEX = HexFormat.of();

    private final Path folder;
    private final SecureRandom random = new SecureRandom();

    AttachmentStore(Path folder) {
        this.folder = Objects.requireNonNull(folder, "folder");
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("letters.attachments: cannot create the folder " + folder, e);
        }
    }

    /** An attachment as staff list it. */
    record Stored(String id, String ticketCode, String fileName, AttachedFile.Kind kind, long bytes, String sha256,
            String storedName, Instant addedAt) {
    }

    /** Files written, waiting for their rows. */
    final class Written {
        private final List<Stored> files;

        private Written(List<Stored> files) {
            this.files = List.copyOf(files);
        }

        /** Inserts the rows, in the caller's transaction (the one that records the letter or the 补充). */
        void insert(Connection c, String code) throws SQLException {
            for (int i = 0; i < files.size(); i++) {
                Stored f = files.get(i);
                try (PreparedStatement s = c.prepareStatement("INSERT INTO letter_attachments (id, ticket_code,"
                        + " file_name, content_type, size_bytes, sha256, stored_name, added_at, position)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    s.setString(1, f.id());
                    s.setString(2, code);
                    s.setString(3, f.fileName());
                    s.setString(4, f.kind().contentType);
                    s.setLong(5, f.bytes());
                    s.setString(6, f.sha256());
                    s.setString(7, f.storedName());
                    SqlTimes.set(s, 8, f.addedAt());
                    s.setInt(9, i);
                    s.executeUpdate();
                }
            }
        }

        /**
         * Removes the files: their rows were not committed. Called while another failure is being
         * answered, so a file that cannot be removed is logged, not thrown: left behind, it is never
         * served (no row names it).
         */
        void discard() {
            for (Stored f : files) {
                try {
                    Files.deleteIfExists(folder.resolve(f.storedName()));
                } catch (IOException e) {
                    log.warn("cannot remove the uncommitted attachment {} from {}: {}", f.storedName(), folder,
                            e.getMessage());
                }
            }
        }
    }

    /**
     * Writes the files of a letter (or a 补充); their rows are inserted, with the ticket's code, in
     * the transaction that records it.
     */
    Written write(List<AttachedFile> files, Instant at) {
        List<Stored> out = new ArrayList<>(files.size());
        try {
            for (AttachedFile f : files) {
                String stored = token(16);
                Files.write(folder.resolve(stored), f.bytes(), StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE);
                out.add(new Stored(token(12), null, f.name(), f.kind(), f.bytes().length, sha256(f.bytes()), stored,
                        SqlTimes.micros(at)));
            }
        } catch (IOException e) {
            new Written(out).discard();
            throw new UncheckedIOException("cannot store an attachment in " + folder + ": " + e.getMessage(), e);
        }
        return new Written(out);
    }

    /** The attachments of a letter, oldest first. */
    List<Stored> list(Connection c, String code) throws SQLException {
        return query(c, "WHERE ticket_code = ? ORDER BY added_at, position", code);
    }

    Optional<Stored> find(Connection c, String code, String id) throws SQLException {
        List<Stored> found = query(c, "WHERE ticket_code = ? AND id = ?", code, id);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** The bytes of a stored attachment. */
    byte[] read(Stored s) {
        try {
            return Files.readAllBytes(folder.resolve(s.storedName()));
        } catch (IOException e) {
            throw new UncheckedIOException("the attachment " + s.id() + " of " + s.ticketCode()
                    + " cannot be read from " + folder + ": " + e.getMessage(), e);
        }
    }

    private static List<Stored> query(Connection c, String where, String... args) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT id, ticket_code, file_name, content_type, size_bytes,"
                + " sha256, stored_name, added_at FROM letter_attachments " + where)) {
            for (int i = 0; i < args.length; i++) {
                s.setString(i + 1, args[i]);
            }
            List<Stored> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new Stored(r.getString(1), r.getString(2), r.getString(3),
                            AttachedFile.Kind.ofContentType(r.getString(4)), r.getLong(5), r.getString(6),
                            r.getString(7), SqlTimes.instant(r, 8)));
                }
            }
            return out;
        }
    }

    private String token(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return HEX.formatHex(b);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
