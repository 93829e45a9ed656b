package org.wenzheng.connectors.mail;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.wenzheng.connectors.InboundReply;

/**
 * Wenzheng's own mailbox, read over IMAP: officers' replies arrive here.
 *
 * <p>The reader keeps no progress of its own. The caller stores a {@link Checkpoint} (UIDVALIDITY
 * and the last UID processed) in its database, in the same transaction as what it did with the
 * mail, and passes it back to {@link #fetch}; so a crash at any point neither loses nor repeats a
 * mail. When the folder's UIDVALIDITY is not the checkpoint's, UIDs mean nothing any more and
 * every message of the folder is returned again: the caller falls back to de-duplicating by
 * Message-ID (or {@link InboundReply#fingerprint()} for a mail without one).
 *
 * <p>Blocking; one reader thread. Not thread-safe.
 */
public interface MailInbox extends AutoCloseable {
    /**
     * The messages after the checkpoint, oldest (lowest UID) first, at most {@code max}.
     *
     * @throws MailboxException when the server cannot be reached or refuses the login
     */
    Batch fetch(Checkpoint after, int max) throws MailboxException;

    /** Sets \Seen on a processed message, so people looking at the mailbox see what was handled. */
    void markSeen(long uidValidity, long uid) throws MailboxException;

    /**
     * Waits until new mail may have arrived or {@code max} has passed: IMAP IDLE when the server
     * supports it, otherwise a sleep of the configured poll interval. Returns early when closed.
     */
    void awaitNewMail(Duration max) throws MailboxException, InterruptedException;

    @Override
    void close();

    /** Where reading stopped: the folder's UIDVALIDITY and the highest UID processed (0: none). */
    record Checkpoint(long uidValidity, long uid) {
        public static final Checkpoint START = new Checkpoint(0, 0);
    }

    /**
     * One message read: where it is (for the checkpoint and \Seen), what it says, and its raw bytes
     * (kept in the dead-letter store when it cannot be processed).
     *
     * @param raw        the message as received; for a mail over the size limit, only the part that
     *                   was fetched (its headers and text)
     * @param unreadable why the mail could not be read at all (it is then kept as a dead letter,
     *                   with {@code raw} holding what could be fetched); empty for a readable mail
     */
    record FetchedMail(long uidValidity, long uid, InboundReply reply, byte[] raw, Optional<String> unreadable) {
        public FetchedMail {
            Objects.requireNonNull(reply, "reply");
            Objects.requireNonNull(raw, "raw");
            Objects.requireNonNull(unreadable, "unreadable");
        }

        /** A mail read whole (or its text, for a large one). */
        public FetchedMail(long uidValidity, long uid, InboundReply reply, byte[] raw) {
            this(uidValidity, uid, reply, raw, Optional.empty());
        }
    }

    /** The folder's current UIDVALIDITY and the messages after the checkpoint. */
    record Batch(long uidValidity, List<FetchedMail> mails) {
        public Batch {
            mails = List.copyOf(mails);
        }
    }
}
