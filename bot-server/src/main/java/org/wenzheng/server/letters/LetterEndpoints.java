package org.wenzheng.server.letters;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Ticker;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wenzheng.server.db.Database;
import org.wenzheng.server.http.ApiException;
import org.wenzheng.server.http.Endpoint;
import org.wenzheng.server.http.ErrorCodes;
import org.wenzheng.server.http.InputText;
import org.wenzheng.server.http.Request;
import org.wenzheng.server.http.JsonBodies;
import org.wenzheng.server.http.Reply;
import org.wenzheng.server.http.Response;
import org.wenzheng.server.netty.TokenBuckets;
import org.wenzheng.server.staff.Guard;
import org.wenzheng.server.staff.StaffSession;
import org.wenzheng.server.tickets.Mailbox;
import org.wenzheng.server.tickets.TicketService;
import org.wenzheng.server.tickets.TicketsConfig;
import org.wenzheng.server.tickets.calendar.DeadlineRules;
import org.wenzheng.server.tickets.calendar.TicketType;

/**
 * The citizens' letter API: what the form offers ({@code GET /api/v1/letters/form}) and sending a
 * letter ({@code POST /api/v1/letters}). Bodies are checked on the event loop, the work runs on
 * workers. A letter is then a ticket: its writer follows it with the code and key (or 查询码) at
 * {@code GET /api/v1/tickets/{code}} and on /track, as any ticket.
 */
final class LetterEndpoints {
    private static final Logger log = LoggerFactory.getLogger(LetterEndpoints.class);
    private static final Pattern CODE = Pattern.compile("WZ-\\d{8}-\\d{4}");
    /** The same answer for an unknown code and a wrong key: nothing says which it was. */
    static final String NOT_FOUND = "编号或密钥不正确，请核对后重试";
    /** Client addresses whose buckets are kept at once. */
    static final int MAX_TRACKED_CLIENTS = 100_000;

    private final TicketService tickets;
    private final TicketsConfig ticketsConfig;
    private final DeadlineRules deadlines;
    private final LettersConfig config;
    private final LetterStore store = new LetterStore();
    private final AttachmentStore files;
    private final Database database;
    private final Clock clock;
    private final TokenBuckets buckets;
    private final TokenBuckets additionBuckets;

    LetterEndpoints(TicketService tickets, DeadlineRules deadlines, LettersConfig config, Database database,
            AttachmentStore files, Clock clock, Ticker ticker) {
        this.database = Objects.requireNonNull(database, "database");
        this.tickets = Objects.requireNonNull(tickets, "tickets");
        this.ticketsConfig = tickets.config();
        this.deadlines = Objects.requireNonNull(deadlines, "deadlines");
        this.config = Objects.requireNonNull(config, "config");
        this.files = Objects.requireNonNull(files, "files");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.buckets = new TokenBuckets(config.createRateLimit(), MAX_TRACKED_CLIENTS, ticker);
        // A 补充 is rarer than a letter: the same limit, counted apart so that one does not use up the other.
        this.additionBuckets = new TokenBuckets(config.createRateLimit(), MAX_TRACKED_CLIENTS, ticker);
    }

    record MailboxView(String id, String name, String description, boolean publish) {
    }

    /** A letter type as the form offers it: its answer days on the office's calendar. */
    record TypeView(String id, String name, int answerDays, boolean nameRequired, boolean publishable) {
    }

    /** The form's limits; the attachments' in bytes, with the types accepted. */
    record Limits(int title, int content, int name, int attachmentBytes, int attachments, int attachmentsTotalBytes,
            List<String> attachmentTypes) {
    }

    record FormView(List<MailboxView> mailboxes, List<TypeView> types, Limits limits) {
    }

    record CreatedView(String code, String key, String pin, String mailbox, String mailboxName, String type,
            String typeName, String department, String deadline, String status) {
    }

    /** {@code GET /api/v1/letters/form}: the mailboxes, the letter types with their days, the limits. */
    Endpoint form() {
        FormView view = new FormView(
                ticketsConfig.mailboxes().stream()
                        .map(m -> new MailboxView(m.id(), m.name(), m.description(), m.publish())).toList(),
                Arrays.stream(TicketType.values()).filter(TicketType::letterType)
                        .map(t -> new TypeView(t.dbName(), t.label(), deadlines.limits(t).answerDays(),
                                config.nameRequiredFor().contains(t), !t.confidential())).toList(),
                new Limits(config.maxTitleChars(), config.maxContentChars(), config.maxNameChars(),
                        config.attachments().maxFileBytes(), config.attachments().maxFiles(),
                        config.attachments().maxTotalBytes(),
                        Arrays.stream(AttachedFile.Kind.values()).map(k -> k.contentType).toList()));
        return request -> Reply.now(Response.json(HttpResponseStatus.OK, view));
    }

    /** {@code POST /api/v1/letters}: 201 with the code, the key and the 查询码 (shown this once). */
    Endpoint create() {
        return request -> {
            ObjectNode body = JsonBodies.object(request);
            LetterRequest letter = LetterRequest.parse(body, config, ticketsConfig);
            buckets.take(request.clientIp(), "写信太频繁了");
            JsonNode attachments = body.get("attachments");
            return Reply.blocking(() -> {
                // Decoded on a worker: megabytes of base64 are no work for an event loop.
                List<AttachedFile> attached = AttachedFile.parse(attachments, config.attachments());
                AttachmentStore.Written written = files.write(attached, clock.instant());
                TicketService.Created c;
                try {
                    c = tickets.create(letter.ticket(config, attached.stream().map(AttachedFile::listed).toList()),
                            (conn, code) -> {
                                store.insert(conn, code, LetterStore.Via.FORM, letter.name(), letter.publish());
                                written.insert(conn, code);
                            });
                } catch (RuntimeException | Error e) {
                    written.discard();
                    throw e;
                }
                Mailbox m = letter.mailbox();
                // Neither the name nor the contact: they are personal data.
                log.info("letter received code={} mailbox={} type={} department={} named={} contact={} publish={}"
                        + " attachments={}", c.code(), m.id(), letter.type().dbName(), c.department(),
                        letter.name() != null, letter.contact().consent(), letter.publish(), attached.size());
                return Response.json(HttpResponseStatus.CREATED, new CreatedView(c.code(), c.key(), c.pin(), m.id(),
                        m.name(), letter.type().dbName(), letter.type().label(), c.departmentName(),
                        c.deadline().toString(), c.status()));
            });
        };
    }

    /**
     * {@code POST /api/v1/letters/{code}/additions} with {@code {key, text, attachments}}: 补充, while
     * the letter is open. 201 when recorded; one 404 for an unknown code and a wrong key; 409 once
     * the letter is answered or closed.
     */
    Endpoint add() {
        return request -> {
            String code = request.pathParam("code");
            ObjectNode body = JsonBodies.object(request);
            String key = JsonBodies.optionalText(body, "key");
            if (!CODE.matcher(code).matches() || key == null || key.isEmpty() || key.length() > 128) {
                throw ApiException.notFound(NOT_FOUND);
            }
            String text = InputText.clean(nullToEmpty(JsonBodies.optionalText(body, "text"))).strip();
            if (text.length() > config.maxContentChars()) {
                throw ApiException.invalidField("text", "补充内容最多 " + config.maxContentChars() + " 个字，现在是 "
                        + text.length() + " 个字");
            }
            JsonNode attachments = body.get("attachments");
            if (text.isEmpty() && (attachments == null || !attachments.isArray() || attachments.isEmpty())) {
                throw ApiException.invalidField("text", "请填写补充内容或选择附件");
            }
            additionBuckets.take(request.clientIp(), "补充太频繁了");
            return Reply.blocking(() -> {
                List<AttachedFile> attached = AttachedFile.parse(attachments, config.attachments());
                AttachmentStore.Written written = files.write(attached, clock.instant());
                TicketService.Supplement outcome;
                try {
                    outcome = tickets.supplement(code, key, text, attached.stream().map(AttachedFile::listed)
                            .toList(), written::insert);
                } catch (RuntimeException | Error e) {
                    written.discard();
                    throw e;
                }
                if (outcome != TicketService.Supplement.ADDED) {
                    written.discard();
                }
                log.info("letter addition code={} outcome={} chars={} attachments={}", code, outcome, text.length(),
                        attached.size());
                return switch (outcome) {
                    case ADDED -> Response.json(HttpResponseStatus.CREATED, new AddedView(code, attached.size()));
                    case NOT_FOUND -> ApiException.notFound(NOT_FOUND).toResponse();
                    case NOT_A_LETTER -> ApiException.conflict("只有来信可以补充；" + code + " 不是来信").toResponse();
                    case ANSWERED -> ApiException.conflict("该来信已答复，不能再补充。如有新的情况，请重新写信").toResponse();
                    case CLOSED -> ApiException.conflict("该来信已办结，不能再补充。如有新的情况，请重新写信").toResponse();
                };
            });
        };
    }

    record AddedView(String code, int attachments) {
    }

    /** An attachment as staff list it; {@code url} downloads it. */
    record AttachmentView(String id, String name, String contentType, long bytes, String sha256, String addedAt,
            String url) {
    }

    /** {@code GET /api/v1/staff/letters/{code}/attachments}: the letter's files, for its department's staff. */
    Guard.StaffEndpoint list() {
        return (request, session) -> scoped(request, session, code -> Response.json(HttpResponseStatus.OK,
                database.inTransaction(c -> files.list(c, code)).stream().map(s -> new AttachmentView(s.id(),
                        s.fileName(), s.kind().contentType, s.bytes(), s.sha256(), s.addedAt().toString(),
                        "/api/v1/staff/letters/" + code + "/attachments/" + s.id())).toList()));
    }

    /**
     * {@code GET /api/v1/staff/letters/{code}/attachments/{id}}: the file, as a download (never shown
     * inline: a PDF or image from outside is not rendered in the staff's session).
     */
    Guard.StaffEndpoint download() {
        return (request, session) -> scoped(request, session, code -> {
            String id = request.pathParam("id");
            AttachmentStore.Stored s = database.inTransaction(c -> files.find(c, code, id))
                    .orElseThrow(() -> ApiException.notFound("这封来信没有这个附件"));
            byte[] bytes = files.read(s);
            log.info("letter attachment downloaded code={} id={} by={}", code, id, session.account().username());
            return Response.of(HttpResponseStatus.OK, s.kind().contentType, bytes)
                    .withHeader("Content-Disposition", contentDisposition(s))
                    .withHeader("Cache-Control", "private, no-store");
        });
    }

    /** A download name: the citizen's (RFC 5987 for non-ASCII), with its type's extension. */
    static String contentDisposition(AttachmentStore.Stored s) {
        String name = s.fileName();
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        if (!lower.endsWith(s.kind().extension()) && !(s.kind() == AttachedFile.Kind.JPEG && lower.endsWith(".jpeg"))) {
            name = name + s.kind().extension();
        }
        String encoded = java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
        return "attachment; filename=\"attachment-" + s.id() + s.kind().extension() + "\"; filename*=UTF-8''" + encoded;
    }

    /** Answers for one letter, when the account may handle its department: 404 for no letter, 403 for another's. */
    private Response scoped(Request request, StaffSession session,
            java.util.function.Function<String, Response> action) {
        String code = request.pathParam("code");
        if (!CODE.matcher(code).matches()) {
            throw ApiException.notFound("没有编号为 " + code + " 的工单");
        }
        String department = tickets.departmentOf(code)
                .orElseThrow(() -> ApiException.notFound("没有编号为 " + code + " 的工单"));
        if (!session.account().mayHandle(department)) {
            return Response.error(HttpResponseStatus.FORBIDDEN, ErrorCodes.FORBIDDEN, "该来信由"
                    + ticketsConfig.department(department).map(d -> d.name()).orElse(department)
                    + "办理，其附件只有该部门的工作人员可以查看");
        }
        return action.apply(code);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
