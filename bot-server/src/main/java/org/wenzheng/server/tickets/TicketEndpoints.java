package org.wenzheng.server.tickets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Ticker;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wenzheng.server.chat.ChannelNames;
import org.wenzheng.server.chat.ConversationHub;
import org.wenzheng.server.http.ApiException;
import org.wenzheng.server.http.Endpoint;
import org.wenzheng.server.http.ErrorCodes;
import org.wenzheng.server.http.InputText;
import org.wenzheng.server.http.Json;
import org.wenzheng.server.http.JsonBodies;
import org.wenzheng.server.http.Reply;
import org.wenzheng.server.http.Response;
import org.wenzheng.server.netty.TokenBuckets;
import org.wenzheng.server.staff.Account;
import org.wenzheng.server.staff.AccountStore;
import org.wenzheng.server.staff.Guard;
import org.wenzheng.server.staff.StaffSession;
import org.wenzheng.server.tickets.calendar.TicketType;

/**
 * The ticket API: citizens create a ticket and read it with its key; staff (officers, admins)
 * list, open and act on tickets. Bodies are checked on the event loop, the work runs on workers.
 */
final class TicketEndpoints {
    private static final Logger log = LoggerFactory.getLogger(TicketEndpoints.class);

    /** 409: the ticket's state or the rules forbid the action (a second extension …). */
    static final String CONFLICT = "conflict";
    /** Longest answer staff may type in /admin (a mail answer is limited by the mail side). */
    static final int MAX_ANSWER_CHARS = 10_000;
    /** Longest reason or note of an action. */
    static final int MAX_NOTE_CHARS = 500;
    /** Addresses whose creation buckets are kept at once (as the server's own rate limit). */
    static final int MAX_TRACKED_CLIENTS = 100_000;
    static final Set<String> CHANNELS = Set.of("web", "hotline", "interview", "api");
    /** The desk filters by these: the channels a ticket is created through here, and letters. */
    static final Set<String> LISTED_CHANNELS = Set.of("web", "hotline", "interview", "api", "letter");
    /** Fields of a letter (POST /api/v1/letters): sent here, they are refused rather than dropped. */
    static final List<String> LETTER_FIELDS = List.of("mailbox", "title", "letterType", "name", "publish");
    /**
     * Fields of an application for disclosure (POST /api/v1/applications): sent here, they are
     * refused rather than dropped, so that an integrator does not file an application without its form.
     */
    static final List<String> APPLICATION_FIELDS = List.of("applicant", "applicantType", "organisationType",
            "idType", "idNumber", "organisation", "creditCode", "address", "request", "docReference", "form",
            "delivery");
    static final Set<String> STATUSES = Arrays.stream(Ticket.Status.values()).map(Ticket.Status::id)
            .collect(Collectors.toUnmodifiableSet());
    /** The same answer for an unknown code, a wrong key and no key: nothing says which it was. */
    static final String NOT_FOUND_MESSAGE = "没有找到该编号和查询码对应的工单";
    /** 办件查询's one answer for an unknown code and a contact or 查询码 that is not the ticket's. */
    static final String TRACK_NOT_FOUND_MESSAGE = "没有找到与该编号和联系方式（或查询码）对应的工单，请核对后再试";
    /** Longest contact or 查询码 a lookup accepts: the longest e-mail address a ticket keeps. */
    static final int MAX_TRACK_CONTACT_CHARS = 254;
    /** The audit log's action for a view of a citizen's unmasked contact. */
    static final String CONTACT_VIEWED = "contact_viewed ";

    private static final Pattern SESSION = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern CODE = Pattern.compile("WZ-\\d{8}-\\d{4,6}");

    private final TicketService tickets;
    private final TicketsConfig config;
    private final ConversationHub hub;
    private final AccountStore audit;
    private final TokenBuckets buckets;
    private final EventText eventText;
    /** 办件查询's buckets: by client address, and by ticket code whoever asks. */
    private final TokenBuckets trackClients;
    private final TokenBuckets trackCodes;

    TicketEndpoints(TicketService tickets, ConversationHub hub, AccountStore audit, Ticker ticker) {
        this.tickets = Objects.requireNonNull(tickets, "tickets");
        this.config = tickets.config();
        this.hub = Objects.requireNonNull(hub, "hub");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.buckets = new TokenBuckets(config.createRateLimit(), MAX_TRACKED_CLIENTS, ticker);
        this.trackClients = new TokenBuckets(config.tracking().perClient(), MAX_TRACKED_CLIENTS, ticker);
        this.trackCodes = new TokenBuckets(config.tracking().perTicket(), MAX_TRACKED_CLIENTS, ticker);
        this.eventText = new EventText(this::name, this::mailboxName);
    }

    // ------------------------------------------------------------------ citizens

    record CreatedView(String code, String key, String pin, String department, String deadline, String status) {
    }

    /** {@code mailboxName} and {@code title} are a letter's (null for other tickets). */
    record CitizenTicketView(String code, String status, String department, String deadline, String createdAt,
            String answer, String answeredAt, String note, String type, String typeName, String mailboxName,
            String title, List<AttachmentView> attachments, List<AdditionView> additions) {
        static CitizenTicketView of(TicketService.CitizenView v) {
            return new CitizenTicketView(v.code(), v.status(), v.department(), v.deadline().toString(),
                    v.createdAt().toString(), v.answer(), v.answeredAt() == null ? null : v.answeredAt().toString(),
                    v.note(), v.type().dbName(), v.type().label(), v.mailboxName(), v.title(),
                    v.attachments().stream().map(a -> new AttachmentView(a.name(), a.bytes())).toList(),
                    v.additions().stream().map(a -> new AdditionView(a.at().toString(), a.text())).toList());
        }
    }

    /** A file attached to a letter: its name and size only (the file itself is never served to citizens). */
    record AttachmentView(String name, long bytes) {
    }

    /** A 补充 the citizen made. */
    record AdditionView(String at, String text) {
    }

    /** {@code POST /api/v1/tickets}: 201 with the code and the key (shown this once). */
    Endpoint create() {
        return request -> {
            NewTicket t = parse(JsonBodies.object(request));
            buckets.take(request.clientIp(), "提交太频繁了");
            return Reply.blocking(() -> {
                TicketService.Created c = tickets.create(t);
                log.info("ticket created code={} department={} channel={} duplicateOf={} contact={}", c.code(),
                        c.department(), t.channel(), c.duplicateOf(), t.email() != null || t.phone() != null);
                return Response.json(HttpResponseStatus.CREATED, new CreatedView(c.code(), c.key(), c.pin(),
                        c.departmentName(), c.deadline().toString(), c.status()));
            });
        };
    }

    /** {@code GET /api/v1/tickets/{code}?key=…}: the ticket, or one 404 for every other case. */
    Endpoint view() {
        return request -> {
            String code = request.pathParam("code");
            String key = request.queryParam("key").orElse("");
            if (!CODE.matcher(code).matches() || key.isEmpty() || key.length() > 128) {
                throw ApiException.notFound(NOT_FOUND_MESSAGE);
            }
            return Reply.blocking(() -> tickets.view(code, key)
                    .map(v -> Response.json(HttpResponseStatus.OK, CitizenTicketView.of(v)))
                    .orElseGet(() -> ApiException.notFound(NOT_FOUND_MESSAGE).toResponse()));
        };
    }

    /**
     * {@code POST /api/v1/tickets/track} with {@code {code, contact}}: 办件查询. The contact (a phone
     * number, an e-mail address or the 查询码) travels in the body, out of addresses and access logs.
     * The same 404 for an unknown code and a contact that is not the ticket's; every lookup counts
     * against the client's and the code's limits ({@code tickets.tracking}), whatever its answer.
     */
    Endpoint track() {
        return request -> {
            ObjectNode body = JsonBodies.object(request);
            String code = JsonBodies.optionalText(body, "code");
            code = code == null ? "" : java.text.Normalizer.normalize(code, java.text.Normalizer.Form.NFKC).strip()
                    .toUpperCase(java.util.Locale.ROOT);
            if (code.isEmpty()) {
                throw ApiException.invalidField("code", "请填写工单编号");
            }
            if (!CODE.matcher(code).matches()) {
                throw ApiException.invalidField("code", "工单编号格式不正确，应形如 WZ-20260105-0001");
            }
            String contact = JsonBodies.optionalText(body, "contact");
            if (contact == null || contact.isBlank()) {
                throw ApiException.invalidField("contact", "请填写手机号、电子邮箱或查询码");
            }
            if (contact.length() > MAX_TRACK_CONTACT_CHARS) {
                throw ApiException.invalidField("contact", "手机号、电子邮箱或查询码最多 " + MAX_TRACK_CONTACT_CHARS
                        + " 个字符");
            }
            trackClients.take(request.clientIp(), "查询太频繁了");
            trackCodes.take(code, "该编号的查询次数过多");
            String asked = code;
            return Reply.blocking(() -> {
                Optional<TicketService.CitizenView> found = tickets.track(asked, contact);
                // Never the contact: it is personal data, and a 查询码 is as good as the key.
                log.info("ticket lookup code={} found={}", asked, found.isPresent());
                return found.map(v -> Response.json(HttpResponseStatus.OK, CitizenTicketView.of(v)))
                        .orElseGet(() -> ApiException.notFound(TRACK_NOT_FOUND_MESSAGE).toResponse());
            });
        };
    }

    /** Checks a creation body; 400 naming the field at fault. */
    NewTicket parse(ObjectNode body) {
        String question = JsonBodies.optionalText(body, "question");
        if (question == null || question.isBlank()) {
            throw ApiException.invalidField("question", "请填写问题");
        }
        if (question.length() > config.maxQuestionChars()) {
            throw ApiException.invalidField("question",
                    InputText.questionTooLong(config.maxQuestionChars(), question.length()));
        }
        for (String letterField : LETTER_FIELDS) {
            if (body.has(letterField)) {
                throw ApiException.invalidField(letterField, "写给信箱的信件请通过“写信”页面（/letters）或"
                        + " POST /api/v1/letters 提交，工单不接收“" + letterField + "”");
            }
        }
        for (String applicationField : APPLICATION_FIELDS) {
            if (body.has(applicationField)) {
                throw ApiException.invalidField(applicationField, "政府信息公开申请请通过“申请公开”页面（/apply）或"
                        + " POST /api/v1/applications 提交，工单不接收“" + applicationField + "”");
            }
        }
        String channel = JsonBodies.optionalText(body, "channel");
        if (channel == null) {
            channel = "api";
        } else if (!CHANNELS.contains(channel)) {
            throw ApiException.invalidField("channel", InputText.unknownChannel("web、hotline、interview、api"));
        }
        String session = JsonBodies.optionalText(body, "session");
        if (session != null && !SESSION.matcher(session).matches()) {
            throw ApiException.invalidField("session", InputText.badSession(1, 64));
        }
        TicketType named = ticketType(JsonBodies.optionalText(body, "type"));
        String type = (named == null ? TicketType.CONSULTATION : named).dbName();
        ContactForm.Given contact = ContactForm.parse(body.get("contact"), config);
        return new NewTicket(question, channel, session, type, contact.email(), contact.phone(), contact.consent());
    }

    // ------------------------------------------------------------------ staff

    /**
     * A ticket as the desk lists it. {@code question} is the question as the department's staff
     * read it (masked unless it sees contacts); {@code workingDaysLeft} the working days to the
     * deadline (negative: overdue; null: the clock is not running), {@code held} how many held
     * replies wait for it.
     */
    record TicketSummary(String code, String type, String typeName, String status, String statusName,
            String channel, String channelName, String mailbox, String mailboxName, String title, String question,
            String department, String departmentName, String duplicateOf, String createdAt, String deadline, int extensionDays, Integer workingDaysLeft,
            boolean overdue, boolean paused, String assignee, String assigneeName, int held, String remindedAt,
            String overdueAt, String answer, String answeredAt, String answeredBy, int version) {
        static TicketSummary of(TicketService.Listed l, Map<String, String> staffNames) {
            Ticket t = l.ticket();
            return new TicketSummary(t.code(), t.type().dbName(), t.type().label(), t.status().id(),
                    t.status().label(), t.channel(), ChannelNames.of(t.channel()), t.mailbox(), l.mailboxName(),
                    l.title(), l.question(), t.department(),
                    l.departmentName(), t.question().duplicateOf(), t.createdAt().toString(), t.deadline().toString(),
                    t.timing().extensionDays(), l.timing().workingDaysLeft(), l.timing().overdue(),
                    l.timing().paused(), t.assignee(),
                    t.assignee() == null ? null : staffNames.getOrDefault(t.assignee(), t.assignee()), l.held(),
                    text(t.timing().remindedAt()), text(t.timing().overdueAt()), t.answerText(),
                    text(t.answeredAt()), t.answeredBy(), t.version());
        }

        private static String text(Object o) {
            return o == null ? null : o.toString();
        }
    }

    /**
     * An event: {@code kind}, {@code actor} and {@code detail} as stored (machine kind, username or
     * {@code system}, the detail's stored form); {@code label}, {@code by} and {@code text} as a
     * person reads them ({@link EventText}).
     */
    record EventView(String at, String kind, String label, String actor, String by, String detail, String text) {
    }

    record MessageLine(int seq, String role, String text, String at) {
    }

    record ContactView(String email, String phone, boolean masked, boolean consent) {
    }

    /** A department as the desk names it: its id for the API, its name for people. */
    record DepartmentView(String id, String name) {
    }

    /** A staff account a ticket can be assigned to. */
    record StaffView(String username, String displayName) {
    }

    record HeldView(long id, String sender, String subject, String receivedAt, String text, String answer) {
    }

    /**
     * A ticket's detail. {@code actions} are the ids of the {@link DeskAction}s the account may do
     * now (the same rules the actions are refused by); {@code held} the replies held for it;
     * {@code assignable} the accounts it may be assigned to; {@code transferTo} the other departments.
     */
    record DetailView(TicketSummary ticket, ContactView contact, JsonNode candidates, List<EventView> events,
            List<MessageLine> conversation, List<String> actions, List<HeldView> held, List<StaffView> assignable,
            List<DepartmentView> transferTo) {
    }

    record ListView(List<TicketSummary> tickets, List<DepartmentView> departments, List<DepartmentView> mailboxes) {
    }

    record AnswerResult(boolean recorded, List<String> answeredCodes, int pushedTo) {
    }

    /** Longest text the desk's search takes. */
    static final int MAX_SEARCH_CHARS = 100;
    /** The list's assignee filter for "the tickets nobody has taken". */
    static final String UNASSIGNED = "unassigned";
    /** The list's assignee filter for "my tickets". */
    static final String MINE = "mine";

    private String name(String department) {
        return config.department(department).map(Department::name).orElse(department);
    }

    private String mailboxName(String mailbox) {
        return mailbox == null ? null : config.mailbox(mailbox).map(Mailbox::name).orElse(mailbox);
    }

    /** The mailboxes letters come to, as the desk's filter offers them (an id and a name, as departments). */
    private List<DepartmentView> mailboxes() {
        return config.mailboxes().stream().map(m -> new DepartmentView(m.id(), m.name())).toList();
    }

    private List<DepartmentView> departments() {
        return config.departments().stream().map(d -> new DepartmentView(d.id(), d.name())).toList();
    }

    /** The accounts that work on tickets, by username: their display names. */
    private static Map<String, String> staffNames(List<Account> accounts) {
        return accounts.stream().filter(a -> TicketsFeature.STAFF.contains(a.role()))
                .collect(Collectors.toMap(Account::username, Account::displayName, (a, b) -> a));
    }

    /**
     * {@code GET /api/v1/staff/tickets?status=&department=&channel=&type=&mailbox=&overdue=&assignee=&q=}: the
     * desk's list; each filter optional, a wrong value a 400 naming it. {@code assignee} is a staff
     * username, {@code mine} or {@code unassigned}; {@code q} a part of the code or the question.
     */
    Guard.StaffEndpoint list() {
        return (request, session) -> {
            String status = param(request, "status");
            if (status != null && !STATUSES.contains(status)) {
                throw ApiException.invalidField("status", "状态筛选无效：须为办理中、待补正、已答复或已关闭");
            }
            String department = param(request, "department");
            if (department != null && config.department(department).isEmpty()) {
                throw ApiException.invalidField("department", "没有这个部门：" + department);
            }
            String channel = param(request, "channel");
            if (channel != null && !LISTED_CHANNELS.contains(channel)) {
                throw ApiException.invalidField("channel", "来源须为网站（web）、热线电话（hotline）、在线访谈（interview）、"
                        + "接口（api）或来信（letter）");
            }
            TicketType type = ticketType(param(request, "type"));
            String mailbox = param(request, "mailbox");
            if (mailbox != null && config.mailbox(mailbox).isEmpty()) {
                throw ApiException.invalidField("mailbox", "没有这个信箱：" + mailbox);
            }
            String overdueText = param(request, "overdue");
            if (overdueText != null && !overdueText.equals("true") && !overdueText.equals("false")) {
                throw ApiException.invalidField("overdue", InputText.yesOrNo("是否超期"));
            }
            Boolean overdue = overdueText == null ? null : Boolean.valueOf(overdueText);
            String assignee = param(request, "assignee");
            boolean unassigned = UNASSIGNED.equals(assignee);
            if (unassigned) {
                assignee = null;
            } else if (MINE.equals(assignee)) {
                assignee = actor(session);
            }
            String text = request.queryParam("q").map(String::strip).filter(q -> !q.isEmpty()).orElse(null);
            if (text != null && text.length() > MAX_SEARCH_CHARS) {
                throw ApiException.invalidField("q", InputText.tooLong("搜索内容", MAX_SEARCH_CHARS, text.length()));
            }
            String own = session.account().handlesOnly();
            if (own != null) {
                if (department != null && !department.equals(own)) {
                    return othersTickets(session, department);
                }
                department = own;
            }
            TicketQuery query = new TicketQuery(status, department, channel, type, mailbox, overdue, assignee, unassigned,
                    text);
            Map<String, String> names = staffNames(audit.list());
            if (assignee != null && !names.containsKey(assignee)) {
                throw ApiException.invalidField("assignee", "没有这个工作人员账号：" + assignee);
            }
            return Response.json(HttpResponseStatus.OK, new ListView(tickets.list(query).stream()
                    .map(l -> TicketSummary.of(l, names)).toList(), departments(), mailboxes()));
        };
    }

    /** The ticket type a request names (null: none named); 400 on the field {@code type} otherwise. */
    private static TicketType ticketType(String name) {
        try {
            return name == null ? null : TicketType.of(name);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField("type", InputText.UNKNOWN_TICKET_TYPE);
        }
    }

    private static String param(org.wenzheng.server.http.Request request, String name) {
        return request.queryParam(name).filter(s -> !s.isEmpty()).orElse(null);
    }

    Guard.StaffEndpoint detail() {
        return (request, session) -> scoped(session, request.pathParam("code"), () -> {
            TicketService.Detail d = tickets.detail(request.pathParam("code"), actor(session));
            Ticket t = d.ticket();
            if (d.contactUnmasked()) {
                // PIPL: every view of a citizen's unmasked contact is on record.
                audit.audit(session.account().id(), session.account().username(), CONTACT_VIEWED + t.code(),
                        request.clientIp());
            }
            JsonNode candidates;
            try {
                candidates = Json.MAPPER.readTree(t.question().candidatesJson());
            } catch (IOException e) {
                throw new IllegalStateException("stored candidates of " + t.code() + " are not JSON", e);
            }
            List<Account> accounts = audit.list();
            return Response.json(HttpResponseStatus.OK, new DetailView(TicketSummary.of(d.listed(), staffNames(accounts)),
                    new ContactView(d.email(), d.phone(), !d.contactUnmasked(), t.contact().consent()), candidates,
                    d.events().stream().map(e -> new EventView(e.occurredAt().toString(), e.kind(),
                            EventText.label(e.kind()), e.actor(), EventText.actor(e.actor()), e.detail(),
                            eventText.detail(e.kind(), e.detail()))).toList(),
                    d.conversation().stream().map(m -> new MessageLine(m.seq(), m.role().id(), m.text(),
                            m.createdAt().toString())).toList(),
                    d.actions().stream().map(DeskAction::id).toList(),
                    d.held().stream().map(h -> new HeldView(h.id(), h.sender(), h.subject(),
                            h.receivedAt() == null ? null : h.receivedAt().toString(), h.text(), h.answer())).toList(),
                    assignable(accounts, t.department()),
                    departments().stream().filter(x -> !x.id().equals(t.department())).toList()));
        });
    }

    /** The enabled officers and administrators who may handle a department's tickets. */
    private static List<StaffView> assignable(List<Account> accounts, String department) {
        return accounts.stream().filter(a -> !a.disabled() && TicketsFeature.STAFF.contains(a.role())
                && a.mayHandle(department)).map(a -> new StaffView(a.username(), a.displayName())).toList();
    }

    /** {@code POST …/{code}/take}: 领取, the ticket becomes the caller's. */
    Guard.StaffEndpoint take() {
        return (request, session) -> scoped(session, request.pathParam("code"),
                () -> summary(tickets.take(request.pathParam("code"), actor(session))));
    }

    /**
     * {@code POST …/{code}/assign} {@code {"assignee":"wang"}}: 指派 to an enabled officer or
     * administrator who may handle the ticket's department.
     */
    Guard.StaffEndpoint assign() {
        return (request, session) -> {
            String assignee = requiredText(JsonBodies.object(request), "assignee", "承办人", 64);
            String code = request.pathParam("code");
            return scoped(session, code, () -> {
                String department = tickets.departmentOf(code).orElseThrow(() -> new TicketException(
                        TicketException.Reason.NOT_FOUND, "没有编号为 " + code + " 的工单"));
                if (assignable(audit.list(), department).stream().noneMatch(a -> a.username().equals(assignee))) {
                    throw new TicketException(TicketException.Reason.INVALID, "没有可以办理" + name(department)
                            + "工单的工作人员账号：" + assignee);
                }
                return summary(tickets.assign(code, assignee, actor(session)));
            });
        };
    }

    /**
     * {@code POST …/{code}/held/{id}/accept}: a reply held for this ticket (from an address that is
     * not the department's) is its answer after all; the account vouches for it after reading it.
     * Any account that may handle the ticket may accept (its department's officers, administrators).
     */
    Guard.StaffEndpoint acceptHeld() {
        return (request, session) -> {
            long id;
            try {
                id = Long.parseLong(request.pathParam("id"));
            } catch (NumberFormatException e) {
                throw ApiException.notFound("没有这封待确认的回复");
            }
            String code = request.pathParam("code");
            return scoped(session, code, () -> {
                TicketDesk.AnswerOutcome o = tickets.acceptHeld(code, id, actor(session)).orElseThrow(() ->
                        new TicketException(TicketException.Reason.NOT_FOUND, "工单 " + code + " 没有这封待确认的回复"));
                log.info("held reply accepted id={} ticket={} by={} recorded={}", id, code, actor(session),
                        o.recorded());
                return Response.json(HttpResponseStatus.OK, new AnswerResult(o.recorded(), o.answeredCodes(),
                        o.pushes().size()));
            });
        };
    }

    Guard.StaffEndpoint answer() {
        return (request, session) -> {
            String text = requiredText(JsonBodies.object(request), "answer", "答复", MAX_ANSWER_CHARS);
            return scoped(session, request.pathParam("code"), () -> {
                TicketDesk.AnswerOutcome outcome = tickets.answer(request.pathParam("code"), text, actor(session));
                int pushed = TicketPushes.send(hub, outcome.pushes());
                return Response.json(HttpResponseStatus.OK, new AnswerResult(outcome.recorded(),
                        outcome.answeredCodes(), pushed));
            });
        };
    }

    Guard.StaffEndpoint transfer() {
        return (request, session) -> {
            ObjectNode body = JsonBodies.object(request);
            String department = requiredText(body, "department", "转交部门", 64);
            String reason = optionalNote(body, "reason", "说明");
            return scoped(session, request.pathParam("code"), () -> summary(tickets.transfer(request.pathParam("code"), department, actor(session), reason)));
        };
    }

    Guard.StaffEndpoint extend() {
        return (request, session) -> {
            ObjectNode body = JsonBodies.object(request);
            JsonNode days = body.get("days");
            if (days == null || !days.canConvertToInt() || !days.isIntegralNumber()) {
                throw ApiException.invalidField("days", "延期天数须为整数个工作日");
            }
            String reason = optionalNote(body, "reason", "说明");
            return scoped(session, request.pathParam("code"), () -> summary(tickets.extend(request.pathParam("code"), days.intValue(), actor(session),
                    reason)));
        };
    }

    Guard.StaffEndpoint correction() {
        return (request, session) -> {
            String note = optionalNote(JsonBodies.object(request), "note", "说明");
            return scoped(session, request.pathParam("code"), () -> summary(tickets.requestCorrection(request.pathParam("code"), actor(session), note)));
        };
    }

    Guard.StaffEndpoint correctionReceived() {
        return (request, session) -> scoped(session, request.pathParam("code"), () -> summary(
                tickets.correctionReceived(request.pathParam("code"),
                actor(session))));
    }

    Guard.StaffEndpoint close() {
        return (request, session) -> {
            String note = optionalNote(JsonBodies.object(request), "note", "说明");
            return scoped(session, request.pathParam("code"), () -> summary(tickets.close(request.pathParam("code"), actor(session), note)));
        };
    }

    private Response summary(Ticket t) {
        return Response.json(HttpResponseStatus.OK, TicketSummary.of(tickets.listed(t), staffNames(audit.list())));
    }

    private static String actor(StaffSession session) {
        return session.account().username();
    }

    private Response othersTickets(StaffSession session, String department) {
        return Response.error(HttpResponseStatus.FORBIDDEN, ErrorCodes.FORBIDDEN, "该工单由" + name(department)
                + "办理；您的账号只能办理" + name(session.account().handlesOnly()) + "的工单");
    }

    /**
     * Runs an action on one ticket when the account may handle the ticket's department (an officer
     * of one department: that department's tickets only; a transfer hands a ticket over for good).
     */
    private Response scoped(StaffSession session, String code, java.util.concurrent.Callable<Response> action)
            throws Exception {
        if (session.account().handlesOnly() != null) {
            Optional<String> department = tickets.departmentOf(code);
            if (department.isPresent() && !session.account().mayHandle(department.get())) {
                return othersTickets(session, department.get());
            }
        }
        return act(action);
    }

    /** Runs an action, turning the desk's refusals into the API's errors. */
    private static Response act(java.util.concurrent.Callable<Response> action) throws Exception {
        try {
            return action.call();
        } catch (TicketException e) {
            return switch (e.reason()) {
                case NOT_FOUND -> Response.error(HttpResponseStatus.NOT_FOUND, ErrorCodes.NOT_FOUND, e.getMessage());
                case CONFLICT -> Response.error(HttpResponseStatus.CONFLICT, CONFLICT, e.getMessage());
                case INVALID -> Response.error(HttpResponseStatus.BAD_REQUEST, ErrorCodes.INVALID_FIELD,
                        e.getMessage());
            };
        }
    }

    /** @param label the field's name on the ticket desk's form, for the message */
    private static String requiredText(ObjectNode body, String field, String label, int max) {
        String v = JsonBodies.optionalText(body, field);
        if (v == null || v.isBlank()) {
            throw ApiException.invalidField(field, "请填写" + label);
        }
        if (v.length() > max) {
            throw ApiException.invalidField(field, label + "最多 " + max + " 个字，当前 " + v.length() + " 个字");
        }
        return v.strip();
    }

    /** @param label the field's name on the ticket desk's form, for the message */
    private static String optionalNote(ObjectNode body, String field, String label) {
        String v = JsonBodies.optionalText(body, field);
        if (v != null && v.length() > MAX_NOTE_CHARS) {
            throw ApiException.invalidField(field, label + "最多 " + MAX_NOTE_CHARS + " 个字");
        }
        return v;
    }
}
