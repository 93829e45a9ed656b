package org.wenzheng.server.replies;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wenzheng.connectors.DeliveryException;
import org.wenzheng.connectors.InboundReply;
import org.wenzheng.connectors.mail.AutoReplyMail;
import org.wenzheng.connectors.mail.ReplyAddresses;
import org.wenzheng.server.privacy.PersonalDataMasker;
import org.wenzheng.server.tickets.MailedLetters;
import org.wenzheng.server.tickets.Mailbox;

/**
 * Letters by mail, as the mailbox reader sees them: which mail is a citizen's letter to a mailbox's
 * public address ({@link #mailboxOf}), which of those may not be made a letter and why
 * ({@link #refusal}: the matcher), and the acknowledgement of the letter it became
 * ({@link #acknowledge}). Making the letter is the letters feature's ({@link MailedLetters}).
 *
 * <p>A mail is a letter when it is addressed to a mailbox's address (To, Cc, Delivered-To,
 * X-Original-To), is not from staff (a department's, an officer's or a supervisor's address) and
 * is not addressed to a reply address of a notice: officers' mail takes the reply path exactly as
 * before. Never made a letter, never answered, but held in the quarantine with the reason:
 * bounces (empty Return-Path, MAILER-DAEMON or postmaster, multipart/report), automatic replies
 * (Auto-Submitted other than no, X-Autoreply, Precedence bulk/junk/list/auto_reply) and mailing
 * lists (List-Id, List-Unsubscribe), mail that may be an automatic reply, our own mail (from our
 * address or a mailbox's, or with a Message-ID of our domain), mail without a sender, and what
 * the letters feature refuses (a rate limit crossed, nothing written).
 */
final class LetterMail {
    private static final Logger log = LoggerFactory.getLogger(LetterMail.class);

    private final List<Mailbox> mailboxes;
    private final Set<String> staff;
    private final Set<String> own;
    private final String messageIdDomain;
    private final ReplyAddresses replyAddresses;
    private final MailedLetters letters;
    private final AutoReplyMail autoReplies;
    private final String site;

    /**
     * @param staff    every department's, officer's and supervisor's address, lower case
     * @param own      Wenzheng's own address (lower case)
     * @param site     the address citizens open Wenzheng at, without a trailing slash (the writer
     *                 follows the letter at its /track page, 办件查询); empty when not configured
     */
    LetterMail(List<Mailbox> mailboxes, Set<String> staff, String own, String messageIdDomain,
            MailedLetters letters, AutoReplyMail autoReplies, String site) {
        this.mailboxes = mailboxes.stream().filter(m -> m.address() != null).toList();
        this.staff = Set.copyOf(staff);
        this.own = Set.copyOf(java.util.stream.Stream.concat(java.util.stream.Stream.of(own.toLowerCase(Locale.ROOT)),
                this.mailboxes.stream().map(Mailbox::address)).toList());
        this.messageIdDomain = messageIdDomain.toLowerCase(Locale.ROOT);
        this.replyAddresses = new ReplyAddresses(own);
        this.letters = Objects.requireNonNull(letters, "letters");
        this.autoReplies = Objects.requireNonNull(autoReplies, "autoReplies");
        this.site = Objects.requireNonNull(site, "site");
    }

    /** The mailbox this mail is a letter to, if it is one (see the class comment). */
    Optional<Mailbox> mailboxOf(InboundReply reply) {
        if (staff.contains(reply.from()) || !replyAddresses.tokensIn(reply.recipients()).isEmpty()) {
            return Optional.empty();
        }
        return mailboxes.stream().filter(m -> reply.recipients().contains(m.address())).findFirst();
    }

    /** Why this mail to {@code mailbox} is not made a letter, for the administrator; empty when it is. */
    Optional<String> refusal(InboundReply reply, Mailbox mailbox) {
        String why = switch (reply.kind()) {
            case BOUNCE -> "a bounce (" + reply.kindReason() + ")";
            case AUTO_REPLY -> "an automatic reply or a mailing list's mail (" + reply.kindReason() + ")";
            case POSSIBLE_AUTO_REPLY -> "perhaps an automatic reply (" + reply.kindReason() + ")";
            case PERSON -> null;
        };
        if (why == null && own.contains(reply.from())) {
            why = "our own mail (from " + reply.from() + ")";
        }
        if (why == null && reply.messageId().map(id -> id.toLowerCase(Locale.ROOT).endsWith("@" + messageIdDomain))
                .orElse(false)) {
            why = "our own mail (a Message-ID of " + messageIdDomain + ")";
        }
        if (why == null && !reply.from().contains("@")) {
            why = "no sender address to answer";
        }
        if (why == null) {
            why = letters.refusal(mail(reply, mailbox)).orElse(null);
        }
        return Optional.ofNullable(why).map(w -> "mail to " + mailbox.name() + " (" + mailbox.address()
                + ") not made a letter, not answered: " + w);
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }

    MailedLetters.Mail mail(InboundReply reply, Mailbox mailbox) {
        return new MailedLetters.Mail(mailbox, reply.from(), reply.subject(), reply.fullText());
    }

    MailedLetters letters() {
        return letters;
    }

    /**
     * Sends the writer the code, the key and the 查询码 of the letter, once, after it is stored. Not
     * sent again when this fails (logged): a mail read twice is never answered twice, and the
     * department's answer still reaches the writer's address.
     */
    void acknowledge(InboundReply reply, Mailbox mailbox, MailedLetters.Accepted a) {
        String body = "您好！\n\n" + mailbox.name() + "已收到您的来信，现已转交" + a.departmentName() + "办理。\n\n"
                + "标题：" + a.title() + "\n"
                + "类型：" + a.typeName() + "\n"
                + "编号：" + a.code() + "\n"
                + "查询密钥：" + a.key() + "\n"
                + "查询码：" + a.pin() + "\n"
                + "答复期限：" + a.deadline() + "\n\n"
                + "请妥善保存编号和查询密钥：凭它们在“办件查询”页面查看办理进度和答复，或直接打开：\n"
                + site + "/track#" + enc(a.code()) + "&key=" + enc(a.key()) + "\n"
                + "（电话查询时请报编号和查询码。）答复将发送到本邮箱地址。\n\n"
                + "这是自动回复，请勿直接回复本邮件；如需补充，请另写一封信。\n";
        try {
            autoReplies.send(new AutoReplyMail.Reply("ack-" + a.code(), mailbox.address(), mailbox.name(),
                    reply.from(), "已收到您的来信 " + a.code() + "：" + a.title(), body, reply.messageId()));
        } catch (DeliveryException e) {
            log.warn("letter {}: the acknowledgement to {} was not sent (not retried): {}", a.code(),
                    PersonalDataMasker.mask(reply.from()), e.getMessage());
        }
    }
}
