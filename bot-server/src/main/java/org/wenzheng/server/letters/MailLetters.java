package org.wenzheng.server.letters;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.wenzheng.server.db.Database;
import org.wenzheng.server.db.SqlTimes;
import org.wenzheng.server.http.InputText;
import org.wenzheng.server.tickets.MailedLetters;
import org.wenzheng.server.tickets.NewTicket;
import org.wenzheng.server.tickets.StoredWithTicket;
import org.wenzheng.server.tickets.TicketService;
import org.wenzheng.server.tickets.calendar.TicketType;

/**
 * Letters by mail: a citizen's mail to a mailbox's public address as a letter.
 *
 * <p>The type is 咨询 unless the subject begins with another letter type's name, bracketed or
 * followed by a colon: {@code 【投诉】…}, {@code [投诉]…}, {@code （投诉）…}, {@code 投诉：…},
 * {@code 投诉:…} (half- or full-width; any of 咨询, 建议, 投诉, 求助, 举报). That name is taken off the
 * title. The title is the rest of the subject (else the text's first line), clipped to the
 * title limit; the content is the body's plain text, clipped to the content limit with a note
 * saying how much was left out. The sender's address is the contact, with consent: the writer
 * chose to be answered there. A mail has no name field: a 投诉 or 求助 by mail is anonymous until
 * the department calls back.
 *
 * <p>The rate limits ({@link LettersConfig.MailLimits}) are counted from the letters by mail
 * stored, so they hold across restarts.
 */
final class MailLetters implements MailedLetters {
    private static final String LABELS = Arrays.stream(TicketType.values()).filter(TicketType::letterType)
            .map(TicketType::label).collect(Collectors.joining("|"));
    /** {@code 【投诉】…}, {@code [投诉] …}, {@code （投诉）…}, {@code 投诉：…}, {@code 投诉: …}. */
    static final Pattern TYPE_PREFIX = Pattern.compile("^\\s*(?:[\\[【［(（]\\s*(" + LABELS + ")\\s*[\\]】］)）]"
            + "|(" + LABELS + ")\\s*[:：])\\s*");
    static final String NO_TITLE = "（无标题）";
    private static final Duration DAY = Duration.ofHours(24);
    private static final Duration HOUR = Duration.ofHours(1);

    private final TicketService tickets;
    private final LettersConfig config;
    private final Database database;
    private final Clock clock;
    private final LetterStore store = new LetterStore();

    MailLetters(TicketService tickets, LettersConfig config, Database database, Clock clock) {
        this.tickets = Objects.requireNonNull(tickets, "tickets");
        this.config = Objects.requireNonNull(config, "config");
        this.database = Objects.requireNonNull(database, "database");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The letter type the subject names (咨询 when it names none) and the subject without that name. */
    record Filing(TicketType type, String title) {
    }

    static Filing filing(String subject) {
        String s = InputText.clean(subject).strip();
        Matcher m = TYPE_PREFIX.matcher(s);
        if (!m.find()) {
            return new Filing(TicketType.CONSULTATION, s);
        }
        String label = m.group(1) != null ? m.group(1) : m.group(2);
        TicketType type = Arrays.stream(TicketType.values()).filter(t -> t.letterType() && t.label().equals(label))
                .findFirst().orElseThrow();
        return new Filing(type, s.substring(m.end()).strip());
    }

    @Override
    public Optional<String> refusal(Mail mail) {
        if (InputText.clean(mail.subject()).isBlank() && InputText.clean(mail.text()).isBlank()) {
            return Optional.of("the mail has neither a subject nor any text: nothing to make a letter of");
        }
        Instant now = clock.instant();
        int fromSender = count("AND t.contact_email = ?", mail.sender(), now.minus(DAY));
        if (fromSender >= config.byMail().perSenderPerDay()) {
            return Optional.of("rate limit letters.byMail.perSenderPerDay: " + fromSender + " letters by mail from"
                    + " this sender within 24 hours (limit " + config.byMail().perSenderPerDay() + ")");
        }
        int all = count("", null, now.minus(HOUR));
        if (all >= config.byMail().perHour()) {
            return Optional.of("rate limit letters.byMail.perHour: " + all + " letters by mail within the hour"
                    + " (limit " + config.byMail().perHour() + ")");
        }
        return Optional.empty();
    }

    /** Letters by mail since {@code since}, of {@code address} when the condition names it. */
    private int count(String condition, String address, Instant since) {
        return database.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM letters l JOIN tickets t"
                    + " ON t.code = l.ticket_code WHERE l.via = 'email' AND t.created_at >= ? " + condition)) {
                SqlTimes.set(s, 1, since);
                if (address != null) {
                    s.setString(2, address);
                }
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    return r.getInt(1);
                }
            }
        });
    }

    @Override
    public Accepted accept(Mail mail, StoredWithTicket also) {
        Filing f = filing(mail.subject());
        String text = InputText.clean(mail.text()).strip();
        String title = f.title().isEmpty() ? firstLine(text) : f.title();
        title = LetterRequest.clip(title.isEmpty() ? NO_TITLE : title, config.maxTitleChars());
        String content = content(text.isEmpty() ? f.title() : text, config.maxContentChars());
        NewTicket ticket = new NewTicket(content, LetterRequest.CHANNEL, null, f.type().dbName(),
                mail.sender().toLowerCase(Locale.ROOT), null, true, new NewTicket.Letter(mail.mailbox(), title,
                        LetterRequest.clip(title + "。" + content, config.maxLookupChars())));
        TicketService.Created c = tickets.create(ticket, (conn, code) -> {
            store.insert(conn, code, LetterStore.Via.EMAIL, null, false);
            also.store(conn, code);
        });
        return new Accepted(c.code(), c.key(), c.pin(), f.type().label(), title, c.departmentName(), c.deadline());
    }

    private static String firstLine(String text) {
        int end = text.indexOf('\n');
        return (end < 0 ? text : text.substring(0, end)).strip();
    }

    /** The text within {@code max} characters; a longer one is cut, with a note of how much was left out. */
    static String content(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        String note = "\n……（来信过长：以上为前 %d 字，其余 %d 字超出来信字数上限，未收录）";
        int keep = max - String.format(Locale.ROOT, note, max, text.length()).length();
        keep = Math.max(0, keep);
        String kept = LetterRequest.clip(text, keep);
        return kept + String.format(Locale.ROOT, note, kept.length(), text.length() - kept.length());
    }
}
