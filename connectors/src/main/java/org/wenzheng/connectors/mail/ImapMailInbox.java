package org.wenzheng.connectors.mail;

import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Part;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimePart;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPMessage;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wenzheng's mailbox read over IMAP with Eclipse Angus.
 *
 * <p>Messages are found by UID ({@link UIDFolder}), never by sequence number, so that what the
 * caller checkpointed stays meaningful across connections. Bodies are fetched with
 * {@code BODY.PEEK}: reading a mail does not mark it \Seen; {@link #markSeen} does, once the caller
 * has committed what the mail changed.
 *
 * <p>{@link #awaitNewMail} uses IMAP IDLE when the server offers it and the configuration allows
 * it. Angus's {@link IMAPFolder#idle(boolean)} blocks until the server reports something; to
 * bound the wait, a timer thread sends a NOOP on the same folder when the time is up, which makes
 * Angus end the IDLE (any command from another thread does). The NOOP is repeated every
 * {@link #IDLE_BREAK_RETRY} in case it came before the IDLE had started. Without IDLE it sleeps
 * the poll interval. {@link #close} wakes either.
 *
 * <p>Sizes are fetched before bodies ({@code RFC822.SIZE}). A mail over {@code maxMessageBytes} is
 * never fetched whole: its structure ({@code BODYSTRUCTURE}) and headers are, then only its text
 * part (text/plain, else text/html; never an attachment), and the mail is returned as those
 * headers and that text, with a note that its attachments were not taken. A large mail without
 * a text part within the limit is returned {@linkplain FetchedMail#unreadable unreadable}, with
 * its headers, for the caller to keep as a dead letter. Either way the mails after it are read
 * as usual: one 30 MB attachment no longer holds up the officers' replies behind it.
 *
 * <p>A connection found dropped (the server restarted, a NAT forgot it) is opened again once
 * within the same call; a second failure is reported as {@link MailboxException}, and the next
 * call starts with a fresh connection.
 */
public final class ImapMailInbox implements MailInbox {
    private static final Logger LOG = LoggerFactory.getLogger(ImapMailInbox.class);

    /**
     * How much raw mail one {@link #fetch} holds in memory at most (beyond a single mail, which is
     * never more than the size limit): attachments of a few mails must not exhaust the heap.
     */
    public static final long DEFAULT_MAX_BATCH_BYTES = 32L * 1024 * 1024;
    /**
     * The largest mail fetched whole by default: a reply with a few scanned pages attached. Larger
     * ones are fetched as headers and text only.
     */
    public static final long DEFAULT_MAX_MESSAGE_BYTES = 10L * 1024 * 1024;
    /** The headers a partial mail does not keep: they describe the whole body, not the text part. */
    private static final Set<String> BODY_HEADERS = Set.of("content-type",
            "content-transfer-encoding", "content-disposition", "content-length", "content-md5");
    /** How often the NOOP that ends an IDLE is repeated until the IDLE has ended. */
    static final Duration IDLE_BREAK_RETRY = Duration.ofSeconds(1);

    private final MailSettings.Imap settings;
    private final Clock clock;
    private final long maxBatchBytes;
    private final long maxMessageBytes;
    private final Session session;
    private final ScheduledExecutorService idleBreaker;
    private final CountDownLatch closedLatch = new CountDownLatch(1);

    private volatile boolean closed;
    private volatile IMAPStore store;
    private volatile IMAPFolder folder;
    /** The last fetch stopped at its limit: more mail is waiting, no need to wait for it. */
    private boolean moreWaiting;
    /** The folder's message count after the last fetch, to notice mail that came in since. */
    private int countAfterFetch = -1;

    public ImapMailInbox(MailSettings.Imap settings, Clock clock) {
        this(settings, clock, DEFAULT_MAX_MESSAGE_BYTES);
    }

    /** @param maxMessageBytes the largest mail fetched whole ({@code mail.maxMessageBytes}) */
    public ImapMailInbox(MailSettings.Imap settings, Clock clock, long maxMessageBytes) {
        this(settings, clock, maxMessageBytes, DEFAULT_MAX_BATCH_BYTES);
    }

    ImapMailInbox(MailSettings.Imap settings, Clock clock, long maxMessageBytes, long maxBatchBytes) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (maxBatchBytes < 1) {
            throw new IllegalArgumentException("maxBatchBytes must be positive, got " + maxBatchBytes);
        }
        if (maxMessageBytes < 1 || maxMessageBytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("maxMessageBytes must be in [1," + Integer.MAX_VALUE + "], got "
                    + maxMessageBytes);
        }
        this.maxBatchBytes = maxBatchBytes;
        this.maxMessageBytes = maxMessageBytes;
        this.session = Session.getInstance(properties(settings));
        this.idleBreaker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "imap-idle-breaker");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public Batch fetch(Checkpoint after, int max) throws MailboxException {
        Objects.requireNonNull(after, "after");
        if (max < 1) {
            throw new IllegalArgumentException("max must be positive, got " + max);
        }
        return withFolder("fetch", f -> fetchFrom(f, after, max));
    }

    private Batch fetchFrom(IMAPFolder f, Checkpoint after, int max) throws MessagingException, IOException {
        long uidValidity = f.getUIDValidity();
        // A new UIDVALIDITY voids every UID the caller knows: everything is returned again, and the
        // caller de-duplicates by Message-ID.
        long firstUid = after.uidValidity() == uidValidity ? after.uid() + 1 : 1;
        Message[] found = f.getMessagesByUID(firstUid, UIDFolder.MAXUID);
        FetchProfile uids = new FetchProfile();
        uids.add(UIDFolder.FetchProfileItem.UID);
        f.fetch(found, uids);
        List<Message> candidates = new ArrayList<>(Arrays.asList(found));
        // "UID n:*" always matches the last message, even when its UID is below n.
        candidates.removeIf(m -> uid(f, m) < firstUid);
        candidates.sort(Comparator.comparingLong(m -> uid(f, m)));
        // Dates and sizes only of the few taken now, not of a whole folder after a UIDVALIDITY change.
        List<Message> taken = candidates.subList(0, Math.min(max, candidates.size()));
        // Sizes before any body: whether a mail may be fetched whole is decided on RFC822.SIZE.
        FetchProfile envelopes = new FetchProfile();
        envelopes.add(FetchProfile.Item.ENVELOPE); // with INTERNALDATE
        envelopes.add(FetchProfile.Item.SIZE);
        f.fetch(taken.toArray(Message[]::new), envelopes);

        List<FetchedMail> mails = new ArrayList<>();
        long bytes = 0;
        for (Message m : taken) {
            if (!mails.isEmpty() && bytes >= maxBatchBytes) {
                break;
            }
            long uid = uid(f, m);
            Instant receivedAt = m.getReceivedDate() != null ? m.getReceivedDate().toInstant() : clock.instant();
            String source = "imap:" + settings.folder() + ":" + uidValidity + ":" + uid;
            FetchedMail mail = m.getSize() > maxMessageBytes
                    ? partial(f, (IMAPMessage) m, uidValidity, uid, source, receivedAt)
                    : whole(m, uidValidity, uid, source, receivedAt);
            bytes += mail.raw().length;
            mails.add(mail);
        }
        moreWaiting = mails.size() < candidates.size();
        countAfterFetch = f.getMessageCount();
        return new Batch(uidValidity, mails);
    }

    private static FetchedMail whole(Message m, long uidValidity, long uid, String source, Instant receivedAt)
            throws MessagingException, IOException {
        ByteArrayOutputStream raw = new ByteArrayOutputStream(Math.max(1024, m.getSize()));
        m.writeTo(raw);
        byte[] rawBytes = raw.toByteArray();
        return new FetchedMail(uidValidity, uid, ReplyParser.parse(rawBytes, source, receivedAt), rawBytes);
    }

    /**
     * A mail over the limit: its headers and its text part only, fetched by section
     * ({@code BODY.PEEK[HEADER]}, {@code BODYSTRUCTURE}, {@code BODY.PEEK[1.1]}), as a mail of its own
     * that {@link ReplyParser} reads like any other. Unreadable when it has no text part within the
     * limit, or the server cannot give its structure.
     */
    private FetchedMail partial(IMAPFolder f, IMAPMessage m, long uidValidity, long uid, String source,
            Instant receivedAt) throws MessagingException {
        String size = m.getSize() + " bytes, over mail.maxMessageBytes (" + maxMessageBytes + ")";
        byte[] headers = new byte[0];
        try {
            FetchProfile structure = new FetchProfile();
            structure.add(FetchProfile.Item.CONTENT_INFO);
            structure.add(IMAPFolder.FetchProfileItem.HEADERS);
            f.fetch(new Message[] {m}, structure);
            headers = headerBlock(m);
            Part text = ReplyParser.find(m, "text/plain");
            if (text == null) {
                text = ReplyParser.find(m, "text/html");
            }
            if (text == null || text.getSize() > maxMessageBytes) {
                String why = text == null ? "it has no text part" : "its text part alone has " + text.getSize() + " bytes";
                return unreadable(uidValidity, uid, headers, source, receivedAt, "the mail has " + size + " and " + why
                        + ": only its headers were fetched");
            }
            byte[] body;
            try (InputStream in = encodedContent(text)) {
                // One byte more than allowed: a part whose size the server did not tell is still bounded.
                body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxMessageBytes + 1));
            }
            if (body.length > maxMessageBytes) {
                return unreadable(uidValidity, uid, headers, source, receivedAt, "the mail has " + size
                        + " and its text part alone is larger: only its headers were fetched");
            }
            ByteArrayOutputStream raw = new ByteArrayOutputStream(headers.length + body.length + 256);
            raw.write(headers);
            raw.write(("Content-Type: " + oneLine(text.getContentType()) + "\r\n").getBytes(StandardCharsets.UTF_8));
            String encoding = ((MimePart) text).getEncoding();
            if (encoding != null) {
                raw.write(("Content-Transfer-Encoding: " + oneLine(encoding) + "\r\n").getBytes(StandardCharsets.UTF_8));
            }
            raw.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            raw.write(body);
            byte[] rawBytes = raw.toByteArray();
            LOG.info("IMAP {}: mail of {}: fetched its headers and text ({} bytes) only", source, size,
                    rawBytes.length);
            return new FetchedMail(uidValidity, uid, ReplyParser.parse(rawBytes, source, receivedAt)
                    .withNote("attachments not taken: the mail has " + size + "; only its headers and text were"
                            + " fetched"), rawBytes);
        } catch (MessagingException | IOException | RuntimeException e) {
            if (!f.isOpen()) {
                throw e instanceof MessagingException me ? me : new MessagingException(e.toString(), e);
            }
            // The connection is fine: it is this mail's structure that cannot be read. Kept, not retried forever.
            return unreadable(uidValidity, uid, headers, source, receivedAt, "the mail has " + size
                    + " and its text could not be fetched: " + e);
        }
    }

    /** The part's content as it is on the server (still in its transfer encoding), fetched by section. */
    private static InputStream encodedContent(Part part) throws MessagingException {
        if (part instanceof MimeBodyPart p) {
            return p.getRawInputStream();
        }
        if (part instanceof MimeMessage m) {
            return m.getRawInputStream();
        }
        throw new MessagingException("not a MIME part: " + part.getClass().getName());
    }

    private static FetchedMail unreadable(long uidValidity, long uid, byte[] headers, String source,
            Instant receivedAt, String why) {
        LOG.warn("IMAP {}: {}; kept as a dead letter", source, why);
        byte[] raw = headers.length > 0 ? concat(headers, "\r\n".getBytes(StandardCharsets.US_ASCII)) : headers;
        return new FetchedMail(uidValidity, uid, ReplyParser.parse(raw, source, receivedAt), raw, Optional.of(why));
    }

    /** The mail's header lines without those about its body, each ended by CRLF. */
    private static byte[] headerBlock(IMAPMessage m) throws MessagingException {
        StringBuilder b = new StringBuilder(4096);
        Enumeration<String> lines = m.getAllHeaderLines();
        while (lines.hasMoreElements()) {
            String line = lines.nextElement();
            int colon = line.indexOf(':');
            String name = colon > 0 ? line.substring(0, colon).strip().toLowerCase(Locale.ROOT) : "";
            if (!BODY_HEADERS.contains(name)) {
                b.append(line).append("\r\n");
            }
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static String oneLine(String s) {
        return s.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }

    private static long uid(IMAPFolder f, Message m) {
        try {
            return f.getUID(m);
        } catch (MessagingException e) {
            throw new IllegalStateException("UID of a fetched message", e);
        }
    }

    @Override
    public void markSeen(long uidValidity, long uid) throws MailboxException {
        withFolder("markSeen", f -> {
            if (f.getUIDValidity() != uidValidity) {
                // The UID belongs to an earlier generation of the folder; it names nothing now.
                LOG.info("Not marking UID {} seen in {}: UIDVALIDITY is now {}, not {}", uid, settings.folder(),
                        f.getUIDValidity(), uidValidity);
                return null;
            }
            Message m = f.getMessageByUID(uid);
            if (m == null) {
                LOG.info("Not marking UID {} seen in {}: the message is gone", uid, settings.folder());
                return null;
            }
            m.setFlag(Flags.Flag.SEEN, true);
            return null;
        });
    }

    @Override
    public void awaitNewMail(Duration max) throws MailboxException, InterruptedException {
        Objects.requireNonNull(max, "max");
        if (closed || max.isNegative() || max.isZero()) {
            return;
        }
        if (moreWaiting) {
            return;
        }
        if (!settings.idle()) {
            sleep(shorter(max, settings.pollInterval()));
            return;
        }
        Boolean idled = withFolder("awaitNewMail", f -> {
            if (!((IMAPStore) f.getStore()).hasCapability("IDLE")) {
                return false;
            }
            // Mail that came in between the last fetch and now would not wake an IDLE started now.
            noop(f);
            if (countAfterFetch >= 0 && f.getMessageCount() != countAfterFetch) {
                return true;
            }
            idle(f, shorter(max, settings.readTimeout().dividedBy(2)));
            return true;
        });
        if (!idled) {
            sleep(shorter(max, settings.pollInterval()));
        }
        if (Thread.interrupted()) {
            throw new InterruptedException("interrupted while waiting for mail");
        }
    }

    /**
     * IDLE until the server reports something or {@code max} has passed. The IMAP read timeout
     * still applies to the socket, so the caller keeps {@code max} below it.
     */
    private void idle(IMAPFolder f, Duration max) throws MessagingException {
        ScheduledFuture<?> breaker = idleBreaker.scheduleAtFixedRate(() -> breakIdle(f), max.toMillis(),
                IDLE_BREAK_RETRY.toMillis(), TimeUnit.MILLISECONDS);
        try {
            if (!closed) {
                f.idle(true);
            }
        } finally {
            breaker.cancel(false);
        }
    }

    /** Ends an IDLE in progress: Angus finishes it before running any other command on the folder. */
    private static void breakIdle(IMAPFolder f) {
        try {
            if (f.isOpen()) {
                noop(f);
            }
        } catch (MessagingException | RuntimeException e) {
            // The connection is gone: the IDLE has ended with it, and the reader sees the failure.
            LOG.debug("NOOP to end IMAP IDLE failed: {}", e.toString());
        }
    }

    private static void noop(IMAPFolder f) throws MessagingException {
        f.doCommand(p -> {
            p.simpleCommand("NOOP", null);
            return null;
        });
    }

    private void sleep(Duration d) throws InterruptedException {
        closedLatch.await(d.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static Duration shorter(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        closedLatch.countDown();
        IMAPFolder f = folder;
        if (f != null) {
            breakIdle(f);
        }
        idleBreaker.shutdownNow();
        disconnect();
    }

    /** One operation on the open folder; a dropped connection is opened again once. */
    private <T> T withFolder(String what, FolderOperation<T> op) throws MailboxException {
        if (closed) {
            throw new MailboxException("mailbox " + settings.username() + " is closed", null);
        }
        boolean reused = folder != null && folder.isOpen();
        try {
            return op.run(open());
        } catch (MessagingException | IOException | IllegalStateException e) {
            disconnect();
            if (!reused || closed) {
                throw failure(what, e);
            }
            LOG.info("IMAP connection to {}:{} was dropped ({}); reconnecting", settings.host(), settings.port(),
                    e.toString());
        }
        try {
            return op.run(open());
        } catch (MessagingException | IOException | IllegalStateException e) {
            disconnect();
            throw failure(what, e);
        }
    }

    private MailboxException failure(String what, Exception e) {
        return new MailboxException("IMAP " + what + " on " + settings.host() + ":" + settings.port() + " folder "
                + settings.folder() + " failed: " + e.getMessage(), e);
    }

    private synchronized IMAPFolder open() throws MessagingException {
        IMAPStore s = store;
        IMAPFolder f = folder;
        if (s != null && s.isConnected() && f != null && f.isOpen()) {
            return f;
        }
        disconnect();
        s = (IMAPStore) session.getStore("imap");
        s.connect(settings.host(), settings.port(), settings.username(), settings.password());
        store = s;
        f = (IMAPFolder) s.getFolder(settings.folder());
        if (!f.exists()) {
            throw new MessagingException("imap.folder " + settings.folder() + " does not exist");
        }
        f.open(Folder.READ_WRITE);
        folder = f;
        countAfterFetch = -1;
        return f;
    }

    private synchronized void disconnect() {
        IMAPFolder f = folder;
        IMAPStore s = store;
        folder = null;
        store = null;
        if (f != null && f.isOpen()) {
            try {
                f.close(false);
            } catch (MessagingException | RuntimeException e) {
                LOG.debug("Closing IMAP folder: {}", e.toString());
            }
        }
        if (s != null) {
            try {
                s.close();
            } catch (MessagingException | RuntimeException e) {
                LOG.debug("Closing IMAP connection: {}", e.toString());
            }
        }
    }

    private static Properties properties(MailSettings.Imap s) {
        Properties p = new Properties();
        p.setProperty("mail.imap.connectiontimeout", Long.toString(s.connectTimeout().toMillis()));
        p.setProperty("mail.imap.timeout", Long.toString(s.readTimeout().toMillis()));
        p.setProperty("mail.imap.writetimeout", Long.toString(s.readTimeout().toMillis()));
        // Reading a body must not set \Seen: only markSeen does, after the caller committed.
        p.setProperty("mail.imap.peek", "true");
        switch (s.security()) {
            case NONE -> {
            }
            case STARTTLS -> {
                p.setProperty("mail.imap.starttls.enable", "true");
                p.setProperty("mail.imap.starttls.required", "true");
                p.setProperty("mail.imap.ssl.checkserveridentity", "true");
            }
            case TLS -> {
                p.setProperty("mail.imap.ssl.enable", "true");
                p.setProperty("mail.imap.ssl.checkserveridentity", "true");
            }
        }
        return p;
    }

    @FunctionalInterface
    private interface FolderOperation<T> {
        T run(IMAPFolder folder) throws MessagingException, IOException;
    }
}
