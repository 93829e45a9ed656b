package org.wenzheng.server.tickets;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.wenzheng.connectors.TicketNotice;
import org.wenzheng.knowledge.Answer;
import org.wenzheng.knowledge.Citation;
import org.wenzheng.knowledge.KnowledgeBase;
import org.wenzheng.knowledge.analysis.QuestionKey;
import org.wenzheng.knowledge.SearchHit;
import org.wenzheng.server.faq.FaqProposalStore;
import org.wenzheng.server.privacy.PersonalDataMasker;
import org.wenzheng.server.http.Json;
import org.wenzheng.server.chat.ConversationStore;
import org.wenzheng.server.db.Database;
import org.wenzheng.server.chat.Message;
import org.wenzheng.server.chat.NewMessage;
import org.wenzheng.server.db.SqlTimes;
import org.wenzheng.server.tickets.calendar.DeadlineRules;
import org.wenzheng.server.tickets.calendar.TicketType;

/**
 * The ticket desk: escalates questions to departments, lets citizens read their ticket with its
 * access key, records officers' answers (from mail through {@link TicketDesk}, or from /admin),
 * and carries out the officers' actions (transfer, extension, 补正, close).
 *
 * <p>Every change is one transaction together with its events and its outbox rows: a ticket is
 * never mailed without being stored, nor stored without its mail queued. Its methods block (JDBC,
 * the knowledge base): call them on worker threads.
 */
public final class TicketService implements TicketDesk {
    /** Dates of codes and deadlines: the offices' day, whatever the server's zone. */
    public static final java.time.ZoneId ZONE = DeadlineRules.ZONE;
    public static final String SYSTEM = "system";
    /** Most tickets a staff list returns. */
    static final int MAX_LIST = 500;

    private static final DateTimeFormatter CODE_DAY = DateTimeFormatter.ofPattern("yyyyMMdd", Locale.ROOT);
    private static final Base64.Encoder KEY_TEXT = Base64.getUrlEncoder().withoutPadding();
    /** Compared against when a code is unknown, so that an unknown code costs what a wrong key costs. */
    private static final String NO_TICKET_HASH = "0".repeat(64);

    private final Database database;
    private final TicketStore store = new TicketStore();
    private final TicketsConfig config;
    private final DeadlineRules deadlines;
    private final KnowledgeBase knowledge;
    private final ConversationStore conversations;
    private final Router router;
    /** The 并单 key, removing {@code tickets.dedupStripPhrases}. */
    private final QuestionKey duplicateKey;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    /** Told after every committed change that may have put notices into the outbox. */
    private volatile Runnable outboxListener = () -> { };
    /** The held replies to tickets' mail (the mail bridge's); none without it. */
    private volatile HeldReplies heldReplies = HeldReplies.NONE;
    /** Told of every ticket answered, inside the transaction that records the answer. */
    private final List<AnswerListener> answerListeners = new CopyOnWriteArrayList<>();

    public TicketService(Database database, TicketsConfig config, DeadlineRules deadlines, KnowledgeBase knowledge,
            ConversationStore conversations, Clock clock) {
        this.database = Objects.requireNonNull(database, "database");
        this.config = Objects.requireNonNull(config, "config");
        this.deadlines = Objects.requireNonNull(deadlines, "deadlines");
        this.knowledge = Objects.requireNonNull(knowledge, "knowledge");
        this.conversations = Objects.requireNonNull(conversations, "conversations");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.router = new Router(config, id -> knowledge.document(id).map(d -> d.metadata().category()));
        this.duplicateKey = QuestionKey.of(config.dedupStripPhrases());
    }

    public TicketsConfig config() {
        return config;
    }

    /**
     * Records what another feature did to a ticket (a letter published, its published text edited …)
     * as one of its events, in the caller's transaction, so the ticket's history shows who and when.
     */
    public void recordEvent(Connection c, String code, String kind, String actor, String detail) throws SQLException {
        store.event(c, code, clock.instant(), kind, actor, detail);
    }

    // ------------------------------------------------------------------ citizens

    /**
     * What a new ticket tells its citizen: the code, the key and the 查询码 (shown once, never stored).
     *
     * @param pin         the 查询码: {@code tickets.tracking.pinDigits} digits to repeat on the phone
     * @param duplicateOf the open ticket it was linked to (并单), or null
     */
    public record Created(String code, String key, String pin, String department, String departmentName, LocalDate deadline,
            String status, String duplicateOf) {
    }

    /**
     * Escalates a question: a numbered ticket with its access key, routed, with its deadline, and
     * — unless the same question is already open, when it is linked to that ticket instead — an
     * escalation notice to the department, all in one transaction. The citizen's conversation
     * (when there is one) gets a line saying so.
     */
    public Created create(NewTicket request) {
        return create(request, StoredWithTicket.NOTHING);
    }

    /**
     * {@link #create(NewTicket)}, storing {@code also} in the same transaction. A letter or an
     * application is never linked to another ticket (并单): each is its sender's own record.
     */
    public Created create(NewTicket request, StoredWithTicket also) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(also, "also");
        NewTicket.Letter letter = request.letter();
        // Outside the transaction: the knowledge base is slow next to a row lock, and reads nothing of ours.
        Answer bot = knowledge.answer(request.lookup());
        List<SearchHit> candidates = bot.candidates().stream().limit(config.maxCandidates()).toList();
        Router.Route route = router.route(request.lookup(), candidates, letter == null ? null : letter.mailbox());
        String questionKey = questionKey(request.question());
        String linked = request.session() == null ? null
                : conversations.find(request.session()).map(c -> c.id()).orElse(null);
        List<TicketNotice.Line> history = linked == null ? List.of() : conversations.messages(linked).stream()
                .map(m -> new TicketNotice.Line(m.role().id(), m.text(), m.createdAt())).toList();
        String key = newKey();
        String pin = newPin();
        Instant now = SqlTimes.micros(clock.instant());
        LocalDate today = today();
        Created created = change(c -> {
            String code = "WZ-" + CODE_DAY.format(today) + "-" + String.format(Locale.ROOT, "%04d",
                    store.nextNumber(c, today));
            Optional<Ticket> original = request.ownRecord() ? Optional.empty()
                    : store.openWithKey(c, questionKey, request.type());
            Department dept = original.flatMap(o -> config.department(o.department())).orElse(route.department());
            TicketType type = TicketType.of(request.type());
            LocalDate deadline = deadlines.deadline(type, today);
            Ticket t = Ticket.builder()
                    .code(code)
                    .keyHash(sha256(key))
                    .pinHash(pinHash(code, pin))
                    .type(type)
                    .channel(request.channel())
                    .conversationId(linked)
                    .question(new Ticket.Question(request.question(), questionKey,
                            original.map(Ticket::code).orElse(null), Json.text(candidateViews(candidates))))
                    .department(dept.id())
                    .contact(request.consent()
                            ? new Ticket.Contact(request.email(), request.phone(), true) : Ticket.Contact.NONE)
                    .createdAt(now)
                    .timing(Ticket.Timing.startedOn(today, deadline))
                    .mailbox(letter == null ? null : letter.mailbox().id())
                    .title(letter == null ? null : letter.title())
                    .build();
            store.insert(c, t);
            also.store(c, code);
            store.event(c, code, now, "created", SYSTEM, "channel " + t.channel() + ", type " + t.type().dbName()
                    + (t.mailbox() == null ? "" : ", mailbox " + t.mailbox()));
            if (original.isPresent()) {
                // 并单: the officer already has this question; one answer will reach both.
                store.event(c, code, now, "linked", SYSTEM, "same question as " + original.get().code());
                store.event(c, original.get().code(), now, "duplicate", SYSTEM, code + " asks the same question");
            } else {
                store.event(c, code, now, "routed", SYSTEM, dept.id() + ": " + route.rule());
                List<TicketNotice.Attachment> files = letter == null ? List.of() : letter.attachments();
                TicketNotice n = notice(TicketNotice.Kind.ESCALATION, t, dept, dept.mailboxes(), history,
                        candidates(t), Optional.empty(), Optional.empty());
                store.enqueue(c, n.withFiling(withAttachments(n.filing(), files, dept)), dept.connector(), now);
                store.event(c, code, now, "escalated", SYSTEM, "to " + String.join(", ", dept.mailboxes()));
            }
            if (letter != null) {
                attachmentEvents(c, code, now, letter.attachments());
            }
            if (request.application() != null && t.contact().email() != null) {
                // 受理回执: the applicant learns at once that the application is received, and by when it is answered.
                store.enqueue(c, notice(TicketNotice.Kind.RECEIPT, t, dept, List.of(t.contact().email()), List.of(),
                        List.of(), Optional.empty(), Optional.empty()), Department.DEFAULT_CONNECTOR, now);
                store.event(c, code, now, "receipt_mailed", SYSTEM, "to the citizen's address");
            }
            if (linked != null) {
                conversations.append(c, linked, new NewMessage(Message.Role.BOT, "已转交" + dept.name() + "办理，编号 "
                        + code + "，答复期限 " + deadline + "。请保存编号和查询码，凭它们查看办理进度。",
                        null, null, null, null));
            }
            return new Created(code, key, pin, dept.id(), dept.name(), deadline, t.status().id(),
                    original.map(Ticket::code).orElse(null));
        });
        return created;
    }

    /**
     * A ticket as its citizen sees it.
     *
     * @param note what the citizen is asked to complete while the ticket waits for a 补正; else null
     */
    public record CitizenView(String code, String status, String department, LocalDate deadline, Instant createdAt,
            String answer, Instant answeredAt, String note, TicketType type, String mailboxName, String title,
            List<TicketNotice.Attachment> attachments, List<Addition> additions) {
    }

    /** A 补充 as its citizen reads it back: when, and the text added (empty when only files were). */
    public record Addition(Instant at, String text) {
    }

    /** The actor of what a citizen does with the ticket's key (a 补充, a rating). */
    public static final String CITIZEN = "citizen";
    /** An attachment's event detail: {@code name (123 bytes)}. */
    static final java.util.regex.Pattern ATTACHMENT_DETAIL = java.util.regex.Pattern.compile("(.+) \\((\\d+) bytes\\)",
            java.util.regex.Pattern.DOTALL);

    /**
     * The ticket with this code, if {@code key} is its access key. An unknown code and a wrong key
     * give the same empty answer after the same work (one row read, one constant-time compare):
     * nothing tells whether a code exists.
     */
    public Optional<CitizenView> view(String code, String key) {
        Optional<Ticket> found = database.inTransaction(c -> store.find(c, code, false));
        String expected = found.map(Ticket::keyHash).orElse(NO_TICKET_HASH);
        boolean match = MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                sha256(key == null ? "" : key).getBytes(StandardCharsets.US_ASCII));
        if (found.isEmpty() || !match) {
            return Optional.empty();
        }
        return Optional.of(citizenView(found.get()));
    }

    /**
     * 办件查询: the ticket with this code, if {@code contact} is the phone number or e-mail address
     * kept with it (compared as kept: the phone by {@link ContactPhone#normalize}, the address
     * case-insensitively) or its 查询码. A ticket kept without consent has no contact and is found
     * by its 查询码 only. As with {@link #view}, an unknown code and a wrong contact give the same
     * empty answer after the same work.
     */
    public Optional<CitizenView> track(String code, String contact) {
        Objects.requireNonNull(code, "code");
        String typed = contact == null ? "" : java.text.Normalizer.normalize(contact, java.text.Normalizer.Form.NFKC)
                .strip();
        Optional<Ticket> found = database.inTransaction(c -> store.find(c, code, false));
        Ticket.Contact kept = found.map(Ticket::contact).orElse(Ticket.Contact.NONE);
        String expectedPin = found.map(Ticket::pinHash).orElse(NO_TICKET_HASH);
        boolean pin = MessageDigest.isEqual(expectedPin.getBytes(StandardCharsets.US_ASCII),
                pinHash(code, typed).getBytes(StandardCharsets.US_ASCII));
        boolean phone = kept.phone() != null && ContactPhone.normalize(typed).map(kept.phone()::equals).orElse(false);
        boolean email = kept.email() != null && typed.contains("@")
                && (kept.email().equalsIgnoreCase(typed) || org.wenzheng.connectors.mail.MailAddresses.sendable(typed)
                        .map(kept.email()::equalsIgnoreCase).orElse(false));
        if (found.isEmpty() || !(pin || phone || email)) {
            return Optional.empty();
        }
        return Optional.of(citizenView(found.get()));
    }

    private CitizenView citizenView(Ticket t) {
        List<TicketEvent> events = database.inTransaction(c -> store.events(c, t.code()));
        String note = null;
        if (t.status() == Ticket.Status.CORRECTION) {
            note = events.stream()
                    .filter(e -> e.kind().equals("correction_requested")).reduce((first, last) -> last)
                    .map(TicketEvent::detail).orElse(null);
        }
        List<TicketNotice.Attachment> files = new ArrayList<>();
        List<Addition> additions = new ArrayList<>();
        for (TicketEvent e : events) {
            if (e.kind().equals("attachment_added")) {
                java.util.regex.Matcher m = ATTACHMENT_DETAIL.matcher(e.detail());
                if (m.matches()) {
                    files.add(new TicketNotice.Attachment(m.group(1), Long.parseLong(m.group(2))));
                }
            } else if (e.kind().equals("supplemented")) {
                additions.add(new Addition(e.occurredAt(), e.detail() == null ? "" : e.detail()));
            }
        }
        return new CitizenView(t.code(), t.status().id(), departmentName(t.department()), t.deadline(),
                t.createdAt(), t.answerText(), t.answeredAt(), note, t.type(), mailboxName(t), t.title(), files,
                additions);
    }

    /** What became of a 补充. */
    public enum Supplement {
        /** Recorded, stored, and told to the officers. */
        ADDED,
        /** No ticket with this code, or the key is not its key: the same answer for both. */
        NOT_FOUND,
        /** The ticket is no letter (a chat question, a call): there is nothing to add to. */
        NOT_A_LETTER,
        /** Answered: too late to add. */
        ANSWERED,
        /** Closed: too late to add. */
        CLOSED
    }

    /**
     * 补充: the citizen adds text and files to an open letter, with the letter's key. Recorded as a
     * {@code supplemented} event (and one {@code attachment_added} per file), stored with what
     * {@code also} keeps (the files), and told to the department's officers by mail, in one
     * transaction. Nothing is stored unless it is {@link Supplement#ADDED}; an unknown code and a
     * wrong key cost the same work.
     */
    public Supplement supplement(String code, String key, String text, List<TicketNotice.Attachment> files,
            StoredWithTicket also) {
        Objects.requireNonNull(text, "text");
        List<TicketNotice.Attachment> attached = List.copyOf(files);
        Objects.requireNonNull(also, "also");
        String keyHash = sha256(key == null ? "" : key);
        return change(c -> {
            Optional<Ticket> found = store.find(c, code, true);
            String expected = found.map(Ticket::keyHash).orElse(NO_TICKET_HASH);
            if (found.isEmpty() || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                    keyHash.getBytes(StandardCharsets.US_ASCII))) {
                return Supplement.NOT_FOUND;
            }
            Ticket t = found.get();
            if (t.mailbox() == null) {
                return Supplement.NOT_A_LETTER;
            }
            if (!t.pending()) {
                return t.status() == Ticket.Status.ANSWERED ? Supplement.ANSWERED : Supplement.CLOSED;
            }
            Instant now = SqlTimes.micros(clock.instant());
            also.store(c, code);
            store.event(c, code, now, "supplemented", CITIZEN, text);
            attachmentEvents(c, code, now, attached);
            Department d = department(t.department());
            List<String> to = d.officers().isEmpty() ? d.mailboxes() : d.officers();
            TicketNotice n = notice(TicketNotice.Kind.SUPPLEMENT, t, d, to, List.of(), List.of(), threadOf(c, t),
                    Optional.of(d.seeContact() ? text : PersonalDataMasker.mask(text)));
            store.enqueue(c, n.withFiling(withAttachments(n.filing(), attached, d)), d.connector(), now);
            store.event(c, code, now, "supplement_mailed", SYSTEM, "to " + String.join(", ", to));
            return Supplement.ADDED;
        });
    }

    private void attachmentEvents(Connection c, String code, Instant at, List<TicketNotice.Attachment> files)
            throws SQLException {
        for (TicketNotice.Attachment a : files) {
            store.event(c, code, at, "attachment_added", CITIZEN, a.name() + " (" + a.bytes() + " bytes)");
        }
    }

    /** The filing with the files listed; their names masked, as the question is, unless the department sees contacts. */
    private static TicketNotice.Filing withAttachments(TicketNotice.Filing f, List<TicketNotice.Attachment> files,
            Department d) {
        return new TicketNotice.Filing(f.typeName(), f.mailboxName(), f.title(), d.seeContact() ? files
                : files.stream().map(a -> new TicketNotice.Attachment(PersonalDataMasker.mask(a.name()), a.bytes()))
                        .toList());
    }

    // ------------------------------------------------------------------ TicketDesk (inbound)

    @Override
    public Optional<TicketRef> findForReply(Connection c, List<String> referencedMessageIds, Optional<String> code) {
        try {
            for (String id : referencedMessageIds) {
                String bare = id.strip();
                if (bare.startsWith("<") && bare.endsWith(">")) {
                    bare = bare.substring(1, bare.length() - 1);
                }
                if (bare.isEmpty()) {
                    continue;
                }
                Optional<String> found = store.codeForMessageId(c, bare);
                if (found.isPresent()) {
                    return store.find(c, found.get(), false).map(TicketService::ref);
                }
            }
            if (code.isPresent()) {
                return store.find(c, code.get().strip().toUpperCase(Locale.ROOT), false).map(TicketService::ref);
            }
            return Optional.empty();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot look up the ticket of a reply: " + e.getMessage(), e);
        }
    }

    private static TicketRef ref(Ticket t) {
        return new TicketRef(t.code(), t.department(), t.status().id());
    }

    @Override
    public boolean mayAnswer(String department, String address) {
        return config.department(department).map(d -> d.mayAnswer(address)).orElse(false);
    }

    @Override
    public PreparedAnswer prepare(String answer) {
        return new PreparedAnswer(answer, answer.isBlank() ? List.of() : knowledge.citedArticles(answer));
    }

    @Override
    public AnswerOutcome recordAnswer(Connection c, String code, PreparedAnswer answer, String answeredBy, String via,
            Instant at) {
        try {
            return answer(c, code, answer, answeredBy, via, SqlTimes.micros(at));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record the answer to " + code + ": " + e.getMessage(), e);
        }
    }

    private AnswerOutcome answer(Connection c, String code, PreparedAnswer prepared, String by, String via,
            Instant at) throws SQLException {
        String text = prepared.text();
        Ticket asked = store.find(c, code, false)
                .orElseThrow(() -> new TicketException(TicketException.Reason.NOT_FOUND, "没有编号为 " + code + " 的工单"));
        // A reply to a linked ticket answers the one it is linked to, and with it every other. Rows
        // are locked in one order, the linked-to ticket first, then its duplicates, as every other
        // change does: two answers at once wait for each other instead of deadlocking.
        Ticket root = store.find(c, asked.question().duplicateOf() == null ? code : asked.question().duplicateOf(), true).orElseThrow();
        if (!root.pending() && !root.code().equals(code) && asked.pending()) {
            // A linked ticket its citizen reopened (不满意) after the group was answered: answered on its own.
            root = store.find(c, code, true).orElseThrow();
        }
        if (!root.pending()) {
            store.event(c, root.code(), at, "answer_again", by, "via " + via + ", not recorded (ticket is "
                    + root.status().id() + "): " + abbreviate(text));
            return new AnswerOutcome(false, List.of(), List.of());
        }
        List<Ticket> group = new ArrayList<>();
        group.add(root);
        store.duplicatesOf(c, root.code()).stream().filter(Ticket::pending).forEach(group::add);
        Department dept = department(root.department());
        List<String> codes = new ArrayList<>();
        List<Push> pushes = new ArrayList<>();
        for (Ticket t : group) {
            Ticket answered = store.update(c, t.withAnswer(text, at, by));
            codes.add(t.code());
            store.event(c, t.code(), at, "answered", by, "via " + via
                    + (t == root ? "" : ", with " + root.code()));
            for (AnswerListener listener : answerListeners) {
                listener.answered(c, answered, dept.name(), text, at);
            }
            if (t.conversationId() != null) {
                Optional<Message> m = conversations.append(c, t.conversationId(), new NewMessage(
                        Message.Role.OFFICER, text, null, null, null, null));
                m.ifPresent(msg -> pushes.add(new Push(msg.conversationId(), msg.seq(), t.code(), text)));
            }
            if (t.contact().email() != null && t.contact().consent()) {
                store.enqueue(c, notice(TicketNotice.Kind.ANSWER, answered, dept, List.of(t.contact().email()),
                        List.of(), List.of(), Optional.empty(), Optional.of(text)), Department.DEFAULT_CONNECTOR, at);
                store.event(c, t.code(), at, "answer_mailed", SYSTEM, "to the citizen's address");
            }
        }
        // A 举报 is never published, so never proposed as an FAQ entry either.
        if (!root.type().confidential()) {
            FaqProposalStore.propose(c, root.code(), root.question().text(), text, proposalSources(root,
                    prepared.cited()), root.department(), at);
        }
        return new AnswerOutcome(true, codes, pushes);
    }

    // ------------------------------------------------------------------ staff

    /**
     * A ticket with everything staff see: the ticket as the desk lists it, events, whether the
     * contact is shown unmasked, the actions the desk offers for it, and the held replies that wait
     * for it ({@code listed.held()} counts them).
     */
    public record Detail(Listed listed, List<TicketEvent> events, List<Message> conversation, String email,
            String phone, boolean contactUnmasked, List<DeskAction> actions, List<HeldReplies.HeldReply> held) {
        public Ticket ticket() {
            return listed.ticket();
        }

        public String departmentName() {
            return listed.departmentName();
        }
    }

    /**
     * A ticket's clock as the desk shows it, on the working-day calendar.
     *
     * @param workingDaysLeft working days from today to the deadline (0: due today; negative:
     *                        overdue by that many), null when the clock is not running (补正,
     *                        answered, closed)
     * @param overdue         open and past its deadline
     * @param paused          waiting for a 补正: the clock is stopped
     */
    public record DeskTiming(Integer workingDaysLeft, boolean overdue, boolean paused) {
    }

    /**
     * A ticket as the desk's list shows it; {@code title} and {@code question} as the department's
     * staff read them, {@code mailboxName} the name of a letter's mailbox (null for other tickets).
     */
    public record Listed(Ticket ticket, String departmentName, String mailboxName, String title, String question,
            DeskTiming timing, int held) {
    }

    /**
     * The tickets a query asks for, newest first, at most {@link #MAX_LIST}. The text is looked for
     * in the code and in the question as the department's staff read it: masked personal data
     * (a phone number in the question) is not found by its digits where it is shown masked.
     */
    public List<Listed> list(TicketQuery query) {
        LocalDate today = today();
        List<Ticket> found = database.inTransaction(c -> store.list(c, query, today, MAX_LIST));
        Map<String, Integer> held = heldReplies.pendingCounts(found.stream().map(Ticket::code).toList());
        List<Listed> out = new ArrayList<>(found.size());
        for (Ticket t : found) {
            Listed l = listed(t, today, held.getOrDefault(t.code(), 0));
            if (query.text() == null || t.code().contains(query.text().toUpperCase(Locale.ROOT))
                    || l.question().contains(query.text())
                    || (l.title() != null && l.title().contains(query.text()))) {
                out.add(l);
            }
        }
        return out;
    }

    /** A ticket as the desk's list shows it now (after an action). */
    public Listed listed(Ticket t) {
        return listed(t, today(), heldReplies.pendingCounts(List.of(t.code())).getOrDefault(t.code(), 0));
    }

    private Listed listed(Ticket t, LocalDate today, int held) {
        return new Listed(t, departmentName(t.department()), mailboxName(t), shown(t, t.title()),
                shown(t, t.question().text()), timing(t, today), held);
    }

    /** The department a ticket is with, if there is such a ticket. */
    public Optional<String> departmentOf(String code) {
        return database.inTransaction(c -> store.find(c, code, false).map(Ticket::department));
    }

    /** A ticket for staff, as {@link #detail(String, String)} gives it to an account that has not taken it. */
    public Detail detail(String code) {
        return detail(code, null);
    }

    /**
     * A ticket for staff; the contact (and personal data in the question and in held replies)
     * masked unless its department sees contacts.
     *
     * @param actor the username of the staff account reading it (which actions it is offered)
     */
    public Detail detail(String code, String actor) {
        LocalDate today = today();
        // The mail bridge's own table, read before the ticket's transaction rather than inside it.
        List<HeldReplies.HeldReply> pending = heldReplies.pendingFor(code);
        return database.inTransaction(c -> {
            Ticket t = store.find(c, code, false).orElseThrow(() -> notFound(code));
            Department dept = department(t.department());
            List<Message> messages = t.conversationId() == null ? List.of() : conversations.messages(c, t.conversationId());
            boolean unmasked = dept.seeContact() && (t.contact().email() != null || t.contact().phone() != null);
            // A 补充 and a file's name are the citizen's text: masked as the question is.
            List<TicketEvent> events = store.events(c, code).stream().map(e -> dept.seeContact()
                    || !(e.kind().equals("supplemented") || e.kind().equals("attachment_added")) ? e : new TicketEvent(e.id(), e.ticketCode(), e.occurredAt(), e.kind(),
                            e.actor(), PersonalDataMasker.mask(e.detail()))).toList();
            List<HeldReplies.HeldReply> held = dept.seeContact() ? pending : pending.stream()
                    .map(h -> new HeldReplies.HeldReply(h.id(), h.sender(), h.subject(), h.receivedAt(), h.reason(),
                            PersonalDataMasker.mask(h.text()), PersonalDataMasker.mask(h.answer()))).toList();
            return new Detail(new Listed(t, dept.name(), mailboxName(t), shown(t, t.title()),
                    shown(t, t.question().text()), timing(t, today), held.size()), events,
                    messages, dept.seeContact() ? t.contact().email() : masked(t.contact().email()),
                    dept.seeContact() ? t.contact().phone() : masked(t.contact().phone()), unmasked,
                    DeskAction.allowed(t, deadlines, correctionRequested(events), actor, today), held);
        });
    }

    /** A citizen's text (question, title) as the department's staff read it: masked unless it sees contacts. */
    private String shown(Ticket t, String text) {
        return text == null || department(t.department()).seeContact() ? text : PersonalDataMasker.mask(text);
    }

    /** The name of a letter's mailbox (its id when no longer configured), or null for other tickets. */
    private String mailboxName(Ticket t) {
        return t.mailbox() == null ? null : config.mailbox(t.mailbox()).map(Mailbox::name).orElse(t.mailbox());
    }

    private DeskTiming timing(Ticket t, LocalDate today) {
        if (t.status() == Ticket.Status.CORRECTION) {
            return new DeskTiming(null, false, true);
        }
        if (t.status() != Ticket.Status.OPEN) {
            return new DeskTiming(null, false, false);
        }
        return new DeskTiming(deadlines.calendar().workingDaysBetween(today, t.deadline()),
                DeadlineRules.isOverdue(t.deadline(), today), false);
    }

    private static boolean correctionRequested(List<TicketEvent> events) {
        return events.stream().anyMatch(e -> e.kind().equals("correction_requested"));
    }

    /**
     * 领取: the ticket becomes this staff account's own. Recorded in the ticket's events
     * ({@code taken}); refused when it is no longer pending or is already the account's.
     */
    public Ticket take(String code, String actor) {
        return change(c -> {
            Ticket t = store.find(c, code, true).orElseThrow(() -> notFound(code));
            refuse(DeskAction.TAKE, c, t, actor);
            Ticket taken = store.update(c, t.withAssignee(actor));
            store.event(c, code, SqlTimes.micros(clock.instant()), "taken", actor,
                    t.assignee() == null ? "" : "from " + t.assignee());
            return taken;
        });
    }

    /**
     * 指派: the ticket goes to a staff account, which the caller has checked may handle the
     * ticket's department. Recorded in the ticket's events ({@code assigned}).
     */
    public Ticket assign(String code, String assignee, String actor) {
        Objects.requireNonNull(assignee, "assignee");
        return change(c -> {
            Ticket t = store.find(c, code, true).orElseThrow(() -> notFound(code));
            refuse(DeskAction.ASSIGN, c, t, actor);
            if (assignee.equals(t.assignee())) {
                throw conflict(code + " 已由 " + assignee + " 办理");
            }
            Ticket assigned = store.update(c, t.withAssignee(assignee));
            store.event(c, code, SqlTimes.micros(clock.instant()), "assigned", actor, "to " + assignee);
            return assigned;
        });
    }

    /**
     * Accepts a held reply to this ticket as its answer after a person has read it; empty when no
     * such reply waits for this ticket any more.
     */
    public Optional<AnswerOutcome> acceptHeld(String code, long heldId, String actor) {
        return heldReplies.accept(heldId, code, actor);
    }

    /** Refuses the action (409 with the rule's reason) when {@link DeskAction} does not allow it now. */
    private void refuse(DeskAction action, Connection c, Ticket t, String actor) throws SQLException {
        boolean asked = action == DeskAction.CORRECTION && correctionRequested(store.events(c, t.code()));
        Optional<String> why = action.refusal(t, deadlines, asked, actor, today());
        if (why.isPresent()) {
            throw conflict(why.get());
        }
    }

    /** An answer given in /admin; the caller pushes {@link AnswerOutcome#pushes()} after this returns. */
    public AnswerOutcome answer(String code, String text, String staffUser) {
        PreparedAnswer prepared = prepare(text);
        return change(c -> answer(c, code, prepared, staffUser, "admin",
                SqlTimes.micros(clock.instant())));
    }

    /**
     * Sends a pending ticket (with the tickets linked to it) to another department: a new
     * escalation notice there, the reminder owed again. The deadline keeps running.
     */
    public Ticket transfer(String code, String toDepartment, String actor, String reason) {
        Department to = config.department(toDepartment).orElseThrow(() -> new TicketException(
                TicketException.Reason.NOT_FOUND, "没有这个部门：" + toDepartment));
        return change(c -> {
            Ticket t = store.find(c, code, true).orElseThrow(() -> notFound(code));
            refuse(DeskAction.TRANSFER, c, t, actor);
            if (t.department().equals(to.id())) {
                throw conflict(code + " 已在" + to.name() + "办理，无需转办");
            }
            Instant now = SqlTimes.micros(clock.instant());
            Ticket moved = store.update(c, t.withDepartment(to.id()));
            for (Ticket d : store.duplicatesOf(c, code)) {
                store.update(c, d.withDepartment(to.id()));
            }
            store.event(c, code, now, "transferred", actor, t.department() + " → " + to.id() + reasonText(reason));
            store.enqueue(c, notice(TicketNotice.Kind.ESCALATION, moved, to, to.mailboxes(), List.of(),
                    candidates(moved), Optional.empty(), Optional.empty()), to.connector(), now);
            store.event(c, code, now, "escalated", SYSTEM, "to " + String.join(", ", to.mailboxes()));
            return moved;
        });
    }

    /** The one extension of a disclosure request (Art. 33), decided before the deadline has passed. */
    public Ticket extend(String code, int days, String actor, String reason) {
        return change(c -> {
            Ticket t = store.find(c, code, true).orElseThrow(() -> notFound(code));
            refuse(DeskAction.EXTEND, c, t, actor);
            int max = deadlines.limits(t.type()).maxExtensionDays();
            if (days < 1 || days > max) {
                throw new TicketException(TicketException.Reason.INVALID, "延长天数须为 1 到 " + max + " 个工作日，当前为 " + days);
            }
            Instant now = SqlTimes.micros(clock.instant());
            LocalDate deadline = deadlines.extended(t.type(), t.deadline(), t.timing().extensionDays(), days);
            Ticket extended = store.update(c, t.withDeadline(t.timing().clockStartedOn(), deadline, days));
            store.event(c, code, now, "extended", actor, days + " working days, deadline " + t.deadline() + " → "
                    + deadline + reasonText(reason));
            return extended;
        });
    }

    /** 补正 (Art. 30): asks the citizen to complete a disclosure request; the clock stops. Once, in time. */
    public Ticket requestCorrection(String code, String actor, String note) {
        return change(c -> {
            Ticket t = store.find(c, code, true).orElseThrow(() -> notFound(code));
            refuse(DeskAction.CORRECTION, c, t, actor);
            Instant now = SqlTimes.micros(clock.instant());
            Ticket waiting = store.update(c, t.withStatus(Ticket.Status.CORRECTION));
            store.event(c, code, now, "correction_requested", actor, note == null ? "" : note);
            if (t.contact().email() != null && t.contact().consent()) {
                // The notice must reach the applicant (Art. 30); the ticket page shows it too.
                Department d = department(t.department());
                store.enqueue(c, notice(TicketNotice.Kind.CORRECTION, waiting, d, List.of(t.contact().email()),
                        List.of(), List.of(), Optional.empty(), Optional.ofNullable(note)),
                        Department.DEFAULT_CONNECTOR, now);
                store.event(c, code, now, "correction_mailed", SYSTEM, "to the citizen's address");
            }
            return waiting;
        });
    }

    /** The completed request arrived: the clock restarts today, with a new deadline. */
    public Ticket correctionReceived(String code, String actor) {
        return change(c -> {
            Ticket t = store.find(c, code, true).orElseThrow(() -> notFound(code));
            refuse(DeskAction.CORRECTION_RECEIVED, c, t, actor);
            Instant now = SqlTimes.micros(clock.instant());
            LocalDate today = today();
            LocalDate deadline = deadlines.deadline(t.type(), today);
            Ticket restarted = store.update(c, t.withStatus(Ticket.Status.OPEN).withDeadline(today, deadline,
                    t.timing().extensionDays()));
            store.event(c, code, now, "correction_received", actor, "clock restarted " + today + ", deadline "
                    + deadline);
            return restarted;
        });
    }

    /** Closes a ticket (answered elsewhere, withdrawn, treated as withdrawn after an unanswered 补正). */
    public Ticket close(String code, String actor, String note) {
        return change(c -> {
            Ticket t = store.find(c, code, true).orElseThrow(() -> notFound(code));
            refuse(DeskAction.CLOSE, c, t, actor);
            Ticket closed = store.update(c, t.withStatus(Ticket.Status.CLOSED));
            store.event(c, code, SqlTimes.micros(clock.instant()), "closed", actor, note == null ? "" : note);
            return closed;
        });
    }

    // ------------------------------------------------------------------ 满意度评价

    /** A rated ticket as it is now, and what the rating did to it. */
    public record Rated(Ticket ticket, AnswerRating.Effect effect) {
    }

    /**
     * Records a citizen's rating of the ticket's answer in one transaction: {@code rating} stores it
     * (and refuses a second one), the ticket gets a {@code rated} event, and a 不满意 reopens it to
     * its department's supervisor with the comment and a new deadline (a notice through the
     * outbox), or closes it when it was reopened before. The caller has checked the citizen's key.
     *
     * @param detail  the rating as the event shows it (不满意：comment)
     * @param comment the citizen's comment, or null
     * @throws AnswerRating.Refused when the ticket is not answered (or the rating refuses)
     */
    public Rated rate(String code, String detail, String comment, AnswerRating rating) {
        Objects.requireNonNull(rating, "rating");
        return change(c -> {
            Ticket t = store.find(c, code, true).orElseThrow(() -> notFound(code));
            if (t.status() != Ticket.Status.ANSWERED) {
                throw new AnswerRating.Refused(t.pending() ? "该工单正在办理中，答复后才能评价"
                        : "该工单已办结，不能再评价");
            }
            AnswerRating.Effect effect = rating.store(c, t);
            Instant now = SqlTimes.micros(clock.instant());
            store.event(c, code, now, "rated", CITIZEN, detail);
            Ticket after = switch (effect) {
                case NONE -> t;
                case REOPEN -> reopen(c, t, comment, now);
                case CLOSE -> {
                    Ticket closed = store.update(c, t.withStatus(Ticket.Status.CLOSED));
                    store.event(c, code, now, "closed", CITIZEN, "重新办理后市民仍不满意，按不满意办结");
                    yield closed;
                }
            };
            return new Rated(after, effect);
        });
    }

    /** 不满意 the first time: open again with a new clock, the supervisor told with the comment. */
    private Ticket reopen(Connection c, Ticket t, String comment, Instant now) throws SQLException {
        LocalDate today = today();
        LocalDate deadline = deadlines.deadline(t.type(), today);
        Department d = department(t.department());
        Ticket reopened = store.update(c, t.withStatus(Ticket.Status.OPEN).withDeadline(today, deadline,
                t.timing().extensionDays()));
        store.enqueue(c, notice(TicketNotice.Kind.REOPENED, reopened, d, List.of(d.supervisor()), List.of(),
                candidates(reopened), threadOf(c, reopened), Optional.ofNullable(comment)), d.connector(), now);
        store.event(c, t.code(), now, "reopened", SYSTEM, "市民不满意，已转" + d.name() + "负责人（" + d.supervisor()
                + "）重新办理，答复期限 " + deadline);
        return reopened;
    }

    // ------------------------------------------------------------------ the deadline watcher

    /** What one watch did. */
    public record Watched(List<String> reminded, List<String> overdue) {
    }

    /**
     * Sends the reminders that have come due and reports what is overdue, each ticket in a
     * transaction of its own with its notice. Safe to run again at any time: a ticket once
     * reminded (or reported) is marked so in that same transaction. Tickets in 补正 are skipped
     * (their clock is stopped), and so are linked tickets (they follow theirs).
     */
    public Watched watch() {
        LocalDate today = today();
        List<String> reminded = new ArrayList<>();
        List<String> overdue = new ArrayList<>();
        for (Ticket candidate : database.inTransaction(c -> store.dueForReminder(c, today))) {
            if (today.isBefore(deadlines.reminderDay(candidate.deadline()))) {
                continue;
            }
            boolean sent = change(c -> {
                Ticket t = store.find(c, candidate.code(), true).orElseThrow();
                if (t.status() != Ticket.Status.OPEN || t.timing().remindedAt() != null) {
                    return false;
                }
                Instant now = SqlTimes.micros(clock.instant());
                Department d = department(t.department());
                List<String> to = d.officers().isEmpty() ? d.mailboxes() : d.officers();
                store.update(c, t.withReminded(now));
                store.enqueue(c, notice(TicketNotice.Kind.REMINDER, t, d, to, List.of(), candidates(t),
                        threadOf(c, t), Optional.empty()), d.connector(), now);
                store.event(c, t.code(), now, "reminded", SYSTEM, "deadline " + t.deadline() + ", to "
                        + String.join(", ", to));
                return true;
            });
            if (sent) {
                reminded.add(candidate.code());
            }
        }
        for (Ticket candidate : database.inTransaction(c -> store.overdue(c, today))) {
            boolean sent = change(c -> {
                Ticket t = store.find(c, candidate.code(), true).orElseThrow();
                if (t.status() != Ticket.Status.OPEN || t.timing().overdueAt() != null || !today.isAfter(t.deadline())) {
                    return false;
                }
                Instant now = SqlTimes.micros(clock.instant());
                Department d = department(t.department());
                store.update(c, t.withOverdue(now));
                store.enqueue(c, notice(TicketNotice.Kind.OVERDUE, t, d, List.of(d.supervisor()), List.of(),
                        candidates(t), threadOf(c, t), Optional.empty()), d.connector(), now);
                store.event(c, t.code(), now, "overdue", SYSTEM, "deadline " + t.deadline() + " passed, to "
                        + d.supervisor());
                return true;
            });
            if (sent) {
                overdue.add(candidate.code());
            }
        }
        return new Watched(reminded, overdue);
    }

    // ------------------------------------------------------------------ helpers

    /** Today in the offices' zone. */
    LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZONE);
    }

    private Department department(String id) {
        // A department removed from the configuration still has its tickets: the default takes them over.
        return config.department(id).orElse(config.fallback());
    }

    private String departmentName(String id) {
        return config.department(id).map(Department::name).orElse(id);
    }

    private Optional<String> threadOf(Connection c, Ticket t) throws SQLException {
        return t.threadId() != null ? Optional.of(t.threadId()) : store.firstEscalationId(c, t.code());
    }

    private TicketNotice notice(TicketNotice.Kind kind, Ticket t, Department d, List<String> recipients,
            List<TicketNotice.Line> history, List<TicketNotice.Source> sources, Optional<String> thread,
            Optional<String> answer) {
        boolean citizen = kind == TicketNotice.Kind.ANSWER || kind == TicketNotice.Kind.CORRECTION
                || kind == TicketNotice.Kind.RECEIPT;
        // Officers of a department that does not need contacts see them masked, and so any
        // personal data the citizen typed into the question.
        boolean clear = citizen || d.seeContact();
        List<TicketNotice.Line> lines = clear ? history : history.stream()
                .map(l -> new TicketNotice.Line(l.role(), PersonalDataMasker.mask(l.text()), l.at())).toList();
        Optional<String> contact = citizen ? Optional.empty() : contact(t, clear);
        return new TicketNotice(UUID.randomUUID().toString(), kind, t.code(), d.id(), d.name(), recipients,
                clear ? t.question().text() : PersonalDataMasker.mask(t.question().text()), t.channel(), t.createdAt(), lines,
                sources, t.deadline(), contact, answer, thread,
                kind == TicketNotice.Kind.ANSWER ? config.trackUrl(t.code())
                        : citizen ? Optional.empty() : config.ticketUrl(t.code()),
                new TicketNotice.Filing(t.type().label(), Optional.ofNullable(mailboxName(t)),
                        Optional.ofNullable(t.title()).map(title -> clear ? title : PersonalDataMasker.mask(title))));
    }

    private static Optional<String> contact(Ticket t, boolean clear) {
        List<String> parts = new ArrayList<>(2);
        if (t.contact().email() != null) {
            parts.add("邮箱 " + (clear ? t.contact().email() : masked(t.contact().email())));
        }
        if (t.contact().phone() != null) {
            parts.add("电话 " + (clear ? t.contact().phone() : masked(t.contact().phone())));
        }
        return parts.isEmpty() ? Optional.empty() : Optional.of(String.join("；", parts));
    }

    /** A contact value masked; a phone the masker does not recognise keeps only its last four digits. */
    static String masked(String value) {
        if (value == null) {
            return null;
        }
        String m = PersonalDataMasker.mask(value);
        if (!m.equals(value)) {
            return m;
        }
        return value.length() <= 4 ? "****" : "*".repeat(value.length() - 4) + value.substring(value.length() - 4);
    }

    /** A stored candidate: the citation fields and the passage's snippet. */
    record CandidateView(String kind, String title, String article, String docNumber, String issuer, String date,
            String documentId, String snippet) {
    }

    /**
     * The sources an FAQ proposal starts with: the articles in force that the officer's answer
     * cites (依据《…》第X条), so that the reviewer confirms them rather than picks among guesses;
     * the bot's candidates the ticket was made with when the answer cites none.
     */
    private static String proposalSources(Ticket t, List<Citation> cited) {
        if (cited.isEmpty()) {
            return t.question().candidatesJson();
        }
        return Json.text(cited.stream().map(c -> candidateView(SearchHit.Kind.ARTICLE, c, "")).toList());
    }

    private static List<CandidateView> candidateViews(List<SearchHit> hits) {
        return hits.stream().map(h -> candidateView(h.kind(), h.citation(), h.snippet().text())).toList();
    }

    private static CandidateView candidateView(SearchHit.Kind kind, Citation c, String snippet) {
        return new CandidateView(kind.name(), c.title(), c.article(), c.docNumber(), c.issuer(),
                c.date() == null ? "" : c.date().toString(), c.documentId(), snippet);
    }

    private static List<TicketNotice.Source> candidates(Ticket t) {
        try {
            CandidateView[] stored = Json.MAPPER.readValue(t.question().candidatesJson(), CandidateView[].class);
            List<TicketNotice.Source> out = new ArrayList<>(stored.length);
            for (CandidateView v : stored) {
                out.add(new TicketNotice.Source(v.title(), nz(v.article()), nz(v.docNumber()), nz(v.issuer()),
                        nz(v.date()), nz(v.snippet())));
            }
            return out;
        } catch (java.io.IOException e) {
            throw new IllegalStateException("the candidates stored with " + t.code() + " are not readable", e);
        }
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    /** Longest question key stored (the column's width); longer questions are told apart by their start. */
    static final int MAX_QUESTION_KEY_CHARS = 1024;

    /**
     * The question reduced for 并单 by the {@link QuestionKey} of {@code tickets.dedupStripPhrases}
     * (width, script and case folded, the polite phrases and punctuation dropped), so that
     * "請問，社保怎麼轉移？" and "社保怎么转移" are the same question.
     */
    String questionKey(String question) {
        String key = duplicateKey.key(question);
        return key.length() > MAX_QUESTION_KEY_CHARS ? key.substring(0, MAX_QUESTION_KEY_CHARS) : key;
    }

    private String newKey() {
        byte[] bytes = new byte[config.keyBytes()];
        random.nextBytes(bytes);
        return KEY_TEXT.encodeToString(bytes);
    }

    /** A 查询码: uniformly drawn digits, leading zeros kept. */
    private String newPin() {
        int digits = config.tracking().pinDigits();
        return String.format(Locale.ROOT, "%0" + digits + "d", random.nextInt((int) Math.pow(10, digits)));
    }

    /**
     * What is kept of a 查询码: its hash with the ticket's code, so that two tickets with the same
     * digits do not share a hash.
     */
    static String pinHash(String code, String pin) {
        return sha256(code + ":" + pin);
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static String reasonText(String reason) {
        return reason == null || reason.isBlank() ? "" : " (" + reason.strip() + ")";
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "…";
    }

    private static TicketException notFound(String code) {
        return new TicketException(TicketException.Reason.NOT_FOUND, "没有编号为 " + code + " 的工单");
    }

    private static TicketException conflict(String message) {
        return new TicketException(TicketException.Reason.CONFLICT, message);
    }

    @Override
    public void onOutboxChange(Runnable listener) {
        this.outboxListener = Objects.requireNonNull(listener, "listener");
    }

    @Override
    public void heldRepliesFrom(HeldReplies source) {
        this.heldReplies = Objects.requireNonNull(source, "source");
    }

    /**
     * Adds a listener told of every ticket answered from now on, in the answer's transaction (see
     * {@link AnswerListener}). Register it while the server is built, before answers can arrive.
     */
    public void onAnswer(AnswerListener listener) {
        answerListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** One change in one transaction; after its commit the outbox listener hears of it (the relay wakes up). */
    private <T> T change(Database.Work<T> work) {
        T result = database.inTransaction(work);
        outboxListener.run();
        return result;
    }

}
