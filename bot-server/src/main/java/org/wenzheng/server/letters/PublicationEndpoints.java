package org.wenzheng.server.letters;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Instant;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.wenzheng.server.http.ApiException;
import org.wenzheng.server.http.Endpoint;
import org.wenzheng.server.http.InputText;
import org.wenzheng.server.http.JsonBodies;
import org.wenzheng.server.http.Reply;
import org.wenzheng.server.http.Request;
import org.wenzheng.server.http.Response;
import org.wenzheng.server.staff.AccountStore;
import org.wenzheng.server.staff.AccountsApi;
import org.wenzheng.server.staff.Guard;
import org.wenzheng.server.tickets.Department;
import org.wenzheng.server.tickets.Mailbox;
import org.wenzheng.server.tickets.TicketService;
import org.wenzheng.server.tickets.TicketsConfig;
import org.wenzheng.server.tickets.calendar.TicketType;

/**
 * 信件公开: the administrators' review ({@code /api/v1/admin/letters/publication…}: the letters that
 * may be published, masked beside the original; publish with the reviewed text, withdraw) and the
 * public listing ({@code GET /api/v1/letters/public}), which shows only the reviewed text of the
 * letters published now.
 */
final class PublicationEndpoints {
    static final int MAX_LISTED = 200;
    static final int PAGE_SIZE = 10;
    /** Longest search text. */
    static final int MAX_QUERY_CHARS = 50;
    /** Longest reviewed content or answer: the letter's limit is 3,000; an answer may be long. */
    static final int MAX_TEXT_CHARS = 20_000;
    static final String PUBLISHED_AUDIT = "letter_published";
    static final String WITHDRAWN_AUDIT = "letter_withdrawn";

    private final PublicationStore store;
    private final TicketsConfig config;
    private final AccountStore audit;
    private final int maxTitleChars;

    PublicationEndpoints(PublicationStore store, TicketsConfig config, AccountStore audit, int maxTitleChars) {
        this.store = Objects.requireNonNull(store, "store");
        this.config = Objects.requireNonNull(config, "config");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.maxTitleChars = maxTitleChars;
    }

    /** The ids of the mailboxes whose answered letters may be published. */
    private Set<String> publishing() {
        Set<String> out = new LinkedHashSet<>();
        config.mailboxes().stream().filter(Mailbox::publish).forEach(m -> out.add(m.id()));
        return out;
    }

    record Text(String title, String content, String answer) {
    }

    record ReviewView(String code, String mailbox, String mailboxName, String type, String typeName,
            String department, String answeredAt, Text original, Text masked, String status, String publishedAt,
            String publishedBy, String changedAt, String changedBy) {
    }

    record ReviewList(List<ReviewView> letters) {
    }

    /** The draft the masker makes of a letter's text. */
    static Text masked(PublicationStore.Candidate c) {
        return new Text(PublicationMasker.mask(c.title(), c.writerName()),
                PublicationMasker.mask(c.content(), c.writerName()), PublicationMasker.mask(c.answer(), c.writerName()));
    }

    private ReviewView view(PublicationStore.Candidate c) {
        Text masked = c.published().map(p -> new Text(p.title(), p.content(), p.answer())).orElse(masked(c));
        Optional<PublicationStore.Published> p = c.published();
        return new ReviewView(c.code(), c.mailbox(), mailboxName(c.mailbox()), c.type().dbName(), c.type().label(),
                departmentName(c.department()), c.answeredAt().toString(), new Text(c.title(), c.content(), c.answer()),
                masked, p.map(PublicationStore.Published::status).orElse("unpublished"),
                p.map(x -> x.publishedAt().toString()).orElse(null), p.map(PublicationStore.Published::publishedBy)
                        .orElse(null), p.map(x -> x.changedAt().toString()).orElse(null),
                p.map(PublicationStore.Published::changedBy).orElse(null));
    }

    /** {@code GET /api/v1/admin/letters/publication}: the letters that may be published, newest answer first. */
    Guard.StaffEndpoint list() {
        return (request, session) -> Response.json(HttpResponseStatus.OK, new ReviewList(
                store.candidates(publishing(), MAX_LISTED).stream().map(this::view).toList()));
    }

    /** {@code POST /api/v1/admin/letters/publication/{code}/publish} {@code {title, content, answer}}. */
    Guard.StaffEndpoint publish() {
        return (request, session) -> {
            String code = request.pathParam("code");
            ObjectNode body = JsonBodies.object(request);
            String title = text(body, "title", "标题", maxTitleChars);
            String content = text(body, "content", "来信内容", MAX_TEXT_CHARS);
            String answer = text(body, "answer", "答复", MAX_TEXT_CHARS);
            Set<String> mailboxes = publishing();
            PublicationStore.Candidate before = store.find(code, mailboxes).orElseThrow(() -> notEligible(code));
            Text draft = masked(before);
            String actor = session.account().username();
            PublicationStore.Candidate now = store.publish(code, mailboxes, title, content, answer,
                    new PublicationStore.Published(draft.title(), draft.content(), draft.answer(), "draft",
                            Instant.EPOCH, actor, Instant.EPOCH, actor), actor).orElseThrow(() -> notEligible(code));
            audit.audit(session.account().id(), actor, PUBLISHED_AUDIT, request.clientIp(), code);
            return Response.json(HttpResponseStatus.OK, view(now));
        };
    }

    /** {@code POST /api/v1/admin/letters/publication/{code}/withdraw}: no longer listed. */
    Guard.StaffEndpoint withdraw() {
        return (request, session) -> {
            String code = request.pathParam("code");
            String actor = session.account().username();
            PublicationStore.Candidate now;
            try {
                now = store.withdraw(code, publishing(), actor).orElseThrow(() -> notEligible(code));
            } catch (IllegalStateException e) {
                throw ApiException.conflict("来信 " + code + " 没有公开，无需撤回；请刷新列表");
            }
            audit.audit(session.account().id(), actor, WITHDRAWN_AUDIT, request.clientIp(), code);
            return Response.json(HttpResponseStatus.OK, view(now));
        };
    }

    record PublicView(String code, String mailbox, String mailboxName, String type, String typeName,
            String department, String answeredOn, String title, String content, String answer) {
    }

    record PublicListView(List<PublicView> letters, int page, int pageSize, int total, int pages,
            List<Choice> mailboxes, List<Choice> types) {
    }

    record Choice(String id, String name) {
    }

    /** {@code GET /api/v1/letters/public?mailbox=&type=&month=YYYY-MM&q=&page=}: the published letters. */
    Endpoint published() {
        return request -> {
            Set<String> mailboxes = publishing();
            PublicationStore.PublicQuery q = query(request, mailboxes);
            return Reply.blocking(() -> {
                PublicationStore.PublicPage page = store.published(q, mailboxes);
                List<PublicView> letters = page.letters().stream().map(l -> new PublicView(l.code(), l.mailbox(),
                        mailboxName(l.mailbox()), l.type().dbName(), l.type().label(), departmentName(l.department()),
                        l.answeredAt().atZone(TicketService.ZONE).toLocalDate().toString(), l.title(), l.content(),
                        l.answer())).toList();
                return Response.json(HttpResponseStatus.OK, new PublicListView(letters, q.page(), q.pageSize(),
                        page.total(), Math.max(1, (page.total() + q.pageSize() - 1) / q.pageSize()),
                        mailboxes.stream().map(m -> new Choice(m, mailboxName(m))).toList(),
                        java.util.Arrays.stream(TicketType.values()).filter(t -> t.letterType() && !t.confidential())
                                .map(t -> new Choice(t.dbName(), t.label())).toList()));
            });
        };
    }

    private static PublicationStore.PublicQuery query(Request request, Set<String> mailboxes) {
        Optional<String> mailbox = blank(request.queryParam("mailbox"));
        if (mailbox.isPresent() && !mailboxes.contains(mailbox.get())) {
            throw ApiException.invalidField("mailbox", "没有公开来信的信箱：" + InputText.clean(mailbox.get()));
        }
        Optional<TicketType> type = blank(request.queryParam("type")).map(t -> {
            try {
                TicketType found = TicketType.of(t);
                if (!found.letterType() || found.confidential()) {
                    throw new IllegalArgumentException(t);
                }
                return found;
            } catch (IllegalArgumentException e) {
                throw ApiException.invalidField("type", "来信类型无效：须为咨询、建议、投诉或求助");
            }
        });
        Optional<YearMonth> month = blank(request.queryParam("month")).map(m -> {
            try {
                return YearMonth.parse(m);
            } catch (DateTimeParseException e) {
                throw ApiException.invalidField("month", "月份须写成 2026-03 的形式");
            }
        });
        Optional<String> text = blank(request.queryParam("q")).map(t -> InputText.clean(t).strip())
                .filter(t -> !t.isEmpty());
        if (text.isPresent() && text.get().length() > MAX_QUERY_CHARS) {
            throw ApiException.invalidField("q", InputText.tooLong("搜索内容", MAX_QUERY_CHARS, text.get().length()));
        }
        int page;
        try {
            page = Integer.parseInt(request.queryParam("page").orElse("1").strip());
        } catch (NumberFormatException e) {
            page = 0;
        }
        if (page < 1 || page > 10_000) {
            throw ApiException.invalidField("page", "页码须为 1 到 10000 之间的整数");
        }
        return new PublicationStore.PublicQuery(mailbox, type, month, text, page, PAGE_SIZE);
    }

    private static Optional<String> blank(Optional<String> v) {
        return v.map(String::strip).filter(s -> !s.isEmpty());
    }

    private String mailboxName(String id) {
        return config.mailbox(id).map(Mailbox::name).orElse(id);
    }

    private String departmentName(String id) {
        return config.department(id).map(Department::name).orElse(id);
    }

    private static ApiException notEligible(String code) {
        return ApiException.notFound("没有可以公开的来信 " + InputText.clean(code)
                + "：须是已答复、写信人同意公开、所在信箱允许公开的来信（举报类一律不公开）");
    }

    private static String text(ObjectNode body, String field, String label, int max) {
        String v = InputText.clean(AccountsApi.required(body, field, label)).strip();
        if (v.isEmpty()) {
            throw ApiException.invalidField(field, "请填写" + label);
        }
        if (v.length() > max) {
            throw ApiException.invalidField(field, InputText.tooLong(label, max, v.length()));
        }
        return v;
    }
}
