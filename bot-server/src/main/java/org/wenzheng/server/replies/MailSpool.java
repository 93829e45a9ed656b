package org.wenzheng.server.replies;

import com.icegreen.greenmail.imap.ImapHostManager;
import com.icegreen.greenmail.mail.MovingMessage;
import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.FolderListener;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.user.MessageDeliveryHandler;
import com.icegreen.greenmail.user.UserException;
import com.icegreen.greenmail.user.UserManager;
import jakarta.mail.Flags;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded mail server's mail on disk, so that a restart (or a killed process) loses none of
 * it. GreenMail keeps mailboxes in memory; this keeps a copy of every message in
 * {@code <root>/<user>/<folder>/<id>.eml}, with its flags in {@code <id>.flags}, and loads them
 * back at start.
 *
 * <p>A mail arriving over SMTP is written and flushed to the disk by the delivery handler, which
 * GreenMail runs before it answers {@code 250 OK}: a mail the sender was told is accepted is on
 * the disk (a failed write answers {@code 451}, and the sender tries again). Mail stored by IMAP
 * (APPEND, COPY, MOVE) is written before the command is answered too, through the folder's
 * listener; so are changed flags and expunged messages. Folders an IMAP client creates are found
 * at the next delivery or within {@link #SCAN_INTERVAL_MILLIS}; mail appended to such a folder
 * before then is written when it is found.
 *
 * <p>Restored messages get new UIDs in a folder with a new UIDVALIDITY, as after any mail server
 * restore: the inbound processor then de-duplicates by Message-ID, so nothing is processed twice.
 */
final class MailSpool {
    private static final Logger log = LoggerFactory.getLogger(MailSpool.class);
    /** How often folders created by IMAP clients are looked for. */
    static final long SCAN_INTERVAL_MILLIS = 2_000;
    private static final String MESSAGE = ".eml";
    private static final String FLAGS = ".flags";

    private final Path root;
    private final ImapHostManager imap;
    private final UserManager users;
    private final Map<String, FolderSpool> folders = new ConcurrentHashMap<>();
    /** The message this thread is about to store, already on the disk (set just before GreenMail stores it). */
    private final ThreadLocal<Pending> storing = new ThreadLocal<>();
    private final AtomicLong sequence = new AtomicLong();

    MailSpool(Path root, ImapHostManager imap, UserManager users) {
        this.root = root;
        this.imap = imap;
        this.users = users;
    }

    /**
     * Loads every message kept on the disk into its folder, then keeps the disk up to date: wraps
     * the delivery handler and watches every folder.
     *
     * @return the messages loaded
     * @throws UncheckedIOException when the folder cannot be created or read
     */
    int restoreAndWatch() {
        int loaded = 0;
        try {
            Files.createDirectories(root);
            try (Stream<Path> userDirs = Files.list(root)) {
                for (Path userDir : userDirs.filter(Files::isDirectory).sorted().toList()) {
                    loaded += restoreUser(userDir);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the embedded mail store " + root + ": " + e.getMessage(), e);
        }
        MessageDeliveryHandler original = users.getMessageDeliveryHandler();
        users.setMessageDeliveryHandler((message, address) -> deliver(original, message, address));
        for (GreenMailUser u : users.listUser()) {
            watchFolders(u);
        }
        return loaded;
    }

    /** Looks for folders created since the last look (IMAP CREATE), and watches them. */
    void scan() {
        for (GreenMailUser u : users.listUser()) {
            watchFolders(u);
        }
    }

    private GreenMailUser deliver(MessageDeliveryHandler original, MovingMessage message,
            com.icegreen.greenmail.mail.MailAddress address) throws MessagingException, UserException {
        Pending stale = storing.get();
        if (stale != null) {
            // The last delivery on this thread failed after its mail was written: it was never stored.
            storing.remove();
            stale.spool().discard(stale.id());
        }
        GreenMailUser user = original.handle(message, address);
        try {
            FolderSpool inbox = watch(user, imap.getInbox(user));
            String id = inbox.write(message.getMessage(), new Flags());
            // GreenMail delivers into the inbox next, on this thread: the inbox's listener takes this id.
            storing.set(new Pending(id, inbox));
            return user;
        } catch (FolderException e) {
            throw new MessagingException("no inbox for " + user.getEmail(), e);
        } catch (IOException e) {
            // GreenMail answers 451: the sender keeps the mail and tries again.
            throw new MessagingException("cannot keep the mail for " + user.getEmail() + " on the disk: "
                    + e.getMessage(), e);
        }
    }

    private int restoreUser(Path userDir) throws IOException {
        String email = decode(userDir.getFileName().toString());
        GreenMailUser user = users.getUserByEmail(email);
        if (user == null) {
            // A mailbox GreenMail made for an unknown recipient, the way it makes them.
            try {
                user = users.createUser(email, email, email);
            } catch (UserException e) {
                throw new IOException("cannot recreate the mailbox " + email + ": " + e.getMessage(), e);
            }
        }
        int loaded = 0;
        try (Stream<Path> folderDirs = Files.list(userDir)) {
            for (Path folderDir : folderDirs.filter(Files::isDirectory).sorted().toList()) {
                loaded += restoreFolder(user, decode(folderDir.getFileName().toString()), folderDir);
            }
        }
        return loaded;
    }

    private int restoreFolder(GreenMailUser user, String name, Path dir) throws IOException {
        MailFolder folder;
        try {
            folder = "INBOX".equalsIgnoreCase(name) ? imap.getInbox(user) : existingOrNew(user, name);
        } catch (FolderException e) {
            throw new IOException("cannot recreate the folder " + name + " of " + user.getEmail() + ": "
                    + e.getMessage(), e);
        }
        FolderSpool spool = watch(user, folder);
        List<Path> messages;
        try (Stream<Path> files = Files.list(dir)) {
            messages = files.filter(p -> p.getFileName().toString().endsWith(MESSAGE)).sorted().toList();
        }
        Session session = Session.getInstance(new Properties());
        for (Path file : messages) {
            String id = file.getFileName().toString();
            id = id.substring(0, id.length() - MESSAGE.length());
            MimeMessage m;
            try (InputStream in = Files.newInputStream(file)) {
                m = new MimeMessage(session, in);
            } catch (MessagingException e) {
                log.warn("embedded mail store: {} cannot be read as a mail, left where it is: {}", file, e.getMessage());
                continue;
            }
            storing.set(new Pending(id, spool));
            try {
                folder.appendMessage(m, spool.readFlags(id), new Date(receivedMillis(id)));
                spool.adoptPending();
            } finally {
                storing.remove();
            }
            sequence.accumulateAndGet(sequenceOf(id), Math::max);
        }
        return messages.size();
    }

    private MailFolder existingOrNew(GreenMailUser user, String name) throws FolderException {
        MailFolder f = imap.getFolder(user, name);
        if (f != null) {
            return f;
        }
        try {
            return imap.createMailbox(user, name);
        } catch (com.icegreen.greenmail.imap.AuthorizationException e) {
            throw new FolderException(e.getMessage());
        }
    }

    private void watchFolders(GreenMailUser user) {
        try {
            for (MailFolder f : imap.listMailboxes(user, "*")) {
                if (f.isSelectable()) {
                    FolderSpool spool = watch(user, f);
                    spool.catchUp();
                }
            }
        } catch (FolderException e) {
            log.warn("embedded mail store: cannot list the folders of {}: {}", user.getEmail(), e.getMessage());
        } catch (IOException e) {
            log.error("embedded mail store: cannot write mail of {} to {}: {}", user.getEmail(), root, e.getMessage());
        }
    }

    private FolderSpool watch(GreenMailUser user, MailFolder folder) {
        return folders.computeIfAbsent(folder.getFullName(), k -> {
            String relative = relativeName(user, folder);
            FolderSpool s = new FolderSpool(folder, root.resolve(encode(user.getEmail())).resolve(encode(relative)));
            folder.addListener(s);
            return s;
        });
    }

    private static String relativeName(GreenMailUser user, MailFolder folder) {
        String prefix = user.getQualifiedMailboxName() + ".";
        String full = folder.getFullName();
        return full.startsWith(prefix) ? full.substring(prefix.length()) : folder.getName();
    }

    /** A new id: the receiving time in milliseconds and a counter, so that names sort in arrival order. */
    private String newId() {
        return String.format("%013d-%09d", System.currentTimeMillis(), sequence.incrementAndGet());
    }

    private static long receivedMillis(String id) {
        try {
            return Long.parseLong(id.substring(0, id.indexOf('-')));
        } catch (RuntimeException e) {
            return System.currentTimeMillis();
        }
    }

    private static long sequenceOf(String id) {
        try {
            return Long.parseLong(id.substring(id.indexOf('-') + 1));
        } catch (RuntimeException e) {
            return 0;
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    /** Writes bytes to a file and flushes it to the disk, then moves it in place and flushes the folder. */
    static void writeDurably(Path file, byte[] bytes) throws IOException {
        Path dir = file.getParent();
        Files.createDirectories(dir);
        Path tmp = dir.resolve(file.getFileName() + ".tmp");
        try (FileChannel c = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            while (b.hasRemaining()) {
                c.write(b);
            }
            c.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        }
    }

    /** A message written to the disk and about to be stored in this folder. */
    private record Pending(String id, FolderSpool spool) {
    }

    /** One folder's copy on the disk: which UID is which file. */
    private final class FolderSpool implements FolderListener {
        private final MailFolder folder;
        private final Path dir;
        private final Map<Long, String> idsByUid = new HashMap<>();

        FolderSpool(MailFolder folder, Path dir) {
            this.folder = folder;
            this.dir = dir;
        }

        synchronized String write(MimeMessage m, Flags flags) throws IOException {
            String id = newId();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try {
                m.writeTo(out);
            } catch (MessagingException e) {
                throw new IOException("the mail cannot be written out: " + e.getMessage(), e);
            }
            writeDurably(dir.resolve(id + MESSAGE), out.toByteArray());
            if (flags.getSystemFlags().length + flags.getUserFlags().length > 0) {
                writeFlags(id, flags);
            }
            return id;
        }

        Flags readFlags(String id) throws IOException {
            Path f = dir.resolve(id + FLAGS);
            Flags flags = new Flags();
            if (!Files.exists(f)) {
                return flags;
            }
            for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                switch (line.strip()) {
                    case "" -> { }
                    case "\\Seen" -> flags.add(Flags.Flag.SEEN);
                    case "\\Answered" -> flags.add(Flags.Flag.ANSWERED);
                    case "\\Flagged" -> flags.add(Flags.Flag.FLAGGED);
                    case "\\Deleted" -> flags.add(Flags.Flag.DELETED);
                    case "\\Draft" -> flags.add(Flags.Flag.DRAFT);
                    default -> flags.add(line.strip());
                }
            }
            return flags;
        }

        private void writeFlags(String id, Flags flags) throws IOException {
            StringBuilder sb = new StringBuilder();
            for (Flags.Flag f : flags.getSystemFlags()) {
                if (f == Flags.Flag.SEEN) {
                    sb.append("\\Seen\n");
                } else if (f == Flags.Flag.ANSWERED) {
                    sb.append("\\Answered\n");
                } else if (f == Flags.Flag.FLAGGED) {
                    sb.append("\\Flagged\n");
                } else if (f == Flags.Flag.DELETED) {
                    sb.append("\\Deleted\n");
                } else if (f == Flags.Flag.DRAFT) {
                    sb.append("\\Draft\n");
                }
            }
            for (String u : flags.getUserFlags()) {
                sb.append(u).append('\n');
            }
            writeDurably(dir.resolve(id + FLAGS), sb.toString().getBytes(StandardCharsets.UTF_8));
        }

        /**
         * Maps new UIDs to their files: the message this thread has just stored to the file written
         * for it (the newest UID not yet mapped), any other (IMAP APPEND, COPY, MOVE) to a file
         * written now; and deletes the files of expunged messages.
         */
        synchronized void catchUp() throws IOException {
            adoptPending();
            Set<Long> present = new HashSet<>();
            for (StoredMessage m : new ArrayList<>(folder.getMessages())) {
                present.add(m.getUid());
                if (!idsByUid.containsKey(m.getUid())) {
                    idsByUid.put(m.getUid(), write(m.getMimeMessage(), m.getFlags()));
                }
            }
            for (Long uid : new ArrayList<>(idsByUid.keySet())) {
                if (!present.contains(uid)) {
                    discard(idsByUid.remove(uid));
                }
            }
        }

        /** Gives this thread's pending file, if it is for this folder, to the newest message without one. */
        synchronized void adoptPending() {
            Pending p = storing.get();
            if (p == null || p.spool() != this) {
                return;
            }
            long newest = -1;
            for (StoredMessage m : new ArrayList<>(folder.getMessages())) {
                if (!idsByUid.containsKey(m.getUid()) && m.getUid() > newest) {
                    newest = m.getUid();
                }
            }
            if (newest >= 0) {
                idsByUid.put(newest, p.id());
                storing.remove();
            }
        }

        void discard(String id) {
            try {
                Files.deleteIfExists(dir.resolve(id + MESSAGE));
                Files.deleteIfExists(dir.resolve(id + FLAGS));
            } catch (IOException e) {
                log.warn("embedded mail store: cannot delete {} in {}: {}", id, dir, e.getMessage());
            }
        }

        @Override
        public void added(int msn) {
            sync("store");
        }

        @Override
        public void expunged(int msn) {
            sync("expunge");
        }

        @Override
        public synchronized void flagsUpdated(int msn, Flags flags, Long uid) {
            StoredMessage m = uid != null ? folder.getMessage(uid) : byMsn(msn);
            String id = m == null ? null : idsByUid.get(m.getUid());
            if (id == null) {
                sync("flags");
                return;
            }
            try {
                writeFlags(id, m.getFlags());
            } catch (IOException e) {
                log.error("embedded mail store: cannot keep the flags in {}: {}", dir, e.getMessage());
                throw new UncheckedIOException(e);
            }
        }

        /** The message with this sequence number (IMAP numbers messages from 1), or null. */
        private StoredMessage byMsn(int msn) {
            List<StoredMessage> all = folder.getMessages();
            return msn >= 1 && msn <= all.size() ? all.get(msn - 1) : null;
        }

        @Override
        public void mailboxDeleted() {
            synchronized (this) {
                idsByUid.clear();
            }
            folders.remove(folder.getFullName());
            try (Stream<Path> files = Files.exists(dir) ? Files.list(dir) : Stream.empty()) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
                Files.deleteIfExists(dir);
            } catch (IOException e) {
                log.warn("embedded mail store: cannot delete {}: {}", dir, e.getMessage());
            }
        }

        /**
         * Brings the disk in line with the folder. A failure is thrown to the IMAP or SMTP command
         * that changed the folder, which then fails instead of reporting a change that is not kept.
         */
        private void sync(String what) {
            try {
                catchUp();
            } catch (IOException e) {
                log.error("embedded mail store: cannot keep the {} in {}: {}", what, dir, e.getMessage());
                throw new UncheckedIOException(e);
            }
        }
    }
}
