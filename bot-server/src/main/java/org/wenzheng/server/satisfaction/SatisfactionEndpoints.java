package org.wenzheng.server.satisfaction;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Ticker;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wenzheng.server.http.ApiException;
import org.wenzheng.server.http.Endpoint;
import org.wenzheng.server.http.JsonBodies;
import org.wenzheng.server.http.Reply;
import org.wenzheng.server.http.Response;
import org.wenzheng.server.netty.TokenBuckets;
import org.wenzheng.server.staff.Guard;
import org.wenzheng.server.tickets.AnswerRating;
import org.wenzheng.server.tickets.TicketService;
import org.wenzheng.server.tickets.TicketsConfig;

/**
 * The rating API of citizens ({@code POST /api/v1/tickets/{code}/rating}) and the follow-up API of
 * staff ({@code /api/v1/staff/follow-ups}). Bodies are checked on the event loop, the work runs on
 * workers.
 */
final class SatisfactionEndpoints {
    private static final Logger log = LoggerFactory.getLogger(SatisfactionEndpoints.class);

    /** 409: rated already, or not answered. */
    static final String CONFLICT = "conflict";
    /** The one answer for an unknown code, a wrong key and a contact that is not the ticket's. */
    static final String NOT_FOUND_MESSAGE = "没有找到该编号和查询码对应的工单";
    static final int MAX_KEY_CHARS = 128;
    static final int MAX_CONTACT_CHARS = 254;
    static final int MAX_NOTE_CHARS = 500;
    static final int MAX_TRACKED_CLIENTS = 100_000;
    private static final Pattern CODE = Pattern.compile("WZ-\\d{8}-\\d{4,6}");

    private final SatisfactionService service;
    private final TicketService tickets;
    private final TicketsConfig ticketsConfig;
    private final TokenBuckets buckets;

    SatisfactionEndpoints(SatisfactionService service, TicketService tickets, Ticker ticker) {
        this.service = Objects.requireNonNull(service, "service");
        this.tickets = Objects.requireNonNull(tickets, "tickets");
        this.ticketsConfig = tickets.config();
        this.buckets = new TokenBuckets(service.config().rateLimit(), MAX_TRACKED_CLIENTS, ticker);
    }

    record RatedView(String code, String rating, String ratingName, String status, boolean reopened, boolean closed,
            String message) {
    }

    /**
     * {@code POST /api/v1/tickets/{code}/rating} with {@code {rating, comment, key}} (or {@code contact}:
     * the phone, e-mail address or 查询码 that /track takes): 200 with what the rating did; 404 for an
     * unknown code and a wrong key alike; 409 when the answer was rated already or there is none yet.
     */
    Endpoint rate() {
        return request -> {
            String code = request.pathParam("code");
            ObjectNode body = JsonBodies.object(request);
            Rating rating = Rating.parse(JsonBodies.optionalText(body, "rating"));
            if (rating == null) {
                throw ApiException.invalidField("rating", "请选择满意、基本满意或不满意");
            }
            String comment = JsonBodies.optionalText(body, "comment");
            int max = service.config().maxCommentChars();
            if (comment != null && comment.strip().length() > max) {
                throw ApiException.invalidField("comment", "评价意见最多 " + max + " 个字，当前 " + comment.strip().length()
                        + " 个字");
            }
            String key = JsonBodies.optionalText(body, "key");
            String contact = JsonBodies.optionalText(body, "contact");
            if ((key == null || key.isBlank()) && (contact == null || contact.isBlank())) {
                throw ApiException.invalidField("key", "请提供工单的查询码或联系方式");
            }
            buckets.take(request.clientIp(), "评价太频繁了");
            if (!CODE.matcher(code).matches() || (key != null && key.length() > MAX_KEY_CHARS)
                    || (contact != null && contact.length() > MAX_CONTACT_CHARS)) {
                throw ApiException.notFound(NOT_FOUND_MESSAGE);
            }
            return Reply.blocking(() -> {
                Optional<TicketService.CitizenView> mine = key != null && !key.isBlank() ? tickets.view(code, key)
                        : tickets.track(code, contact);
                if (mine.isEmpty()) {
                    return ApiException.notFound(NOT_FOUND_MESSAGE).toResponse();
                }
                try {
                    SatisfactionService.Rated r = service.rate(code, rating, comment);
                    log.info("answer rated code={} rating={} effect={}", code, rating.id(), r.effect());
                    return Response.json(HttpResponseStatus.OK, new RatedView(code, rating.id(), rating.label(),
                            r.status(), r.effect() == AnswerRating.Effect.REOPEN,
                            r.effect() == AnswerRating.Effect.CLOSE, message(r.effect())));
                } catch (AnswerRating.Refused e) {
                    return Response.error(HttpResponseStatus.CONFLICT, CONFLICT, e.getMessage());
                }
            });
        };
    }

    private static String message(AnswerRating.Effect effect) {
        return switch (effect) {
            case NONE -> "感谢您的评价！";
            case REOPEN -> "感谢您的评价。您的意见已转交承办部门负责人，工单已重新办理，请留意新的答复。";
            case CLOSE -> "感谢您的评价。工单已按“不满意”办结，您的意见已记录。";
        };
    }

    // ------------------------------------------------------------------ administrators: the figures

    record CountsView(String department, String departmentName, int answered, int satisfied, int basic,
            int unsatisfied, int unrated, int reopened) {
    }

    record FiguresView(String from, String to, CountsView total, List<CountsView> departments) {
    }

    private CountsView view(SatisfactionService.Counts c) {
        return new CountsView(c.department(), c.department() == null ? "全部"
                : ticketsConfig.department(c.department()).map(d -> d.name()).orElse(c.department()), c.answered(),
                c.satisfied(), c.basic(), c.unsatisfied(), c.unrated(), c.reopened());
    }

    /**
     * {@code GET /api/v1/admin/satisfaction?from=2026-11-01&to=2026-12-01}: the ratings of the answers
     * given in [from, to) (Beijing dates), in all and by department.
     */
    Guard.StaffEndpoint counts() {
        return (request, session) -> {
            java.time.LocalDate from = date(request, "from", "起始日期");
            java.time.LocalDate to = date(request, "to", "截止日期");
            if (!to.isAfter(from) || java.time.temporal.ChronoUnit.DAYS.between(from, to) > MAX_PERIOD_DAYS) {
                throw ApiException.invalidField("to", "截止日期须晚于起始日期，且统计期间最长 " + MAX_PERIOD_DAYS + " 天");
            }
            SatisfactionService.Figures f = service.counts(from, to);
            return Response.json(HttpResponseStatus.OK, new FiguresView(from.toString(), to.toString(),
                    view(f.total()), f.departments().stream().map(this::view).toList()));
        };
    }

    /** Longest period of the figures: a year and a day, as the reports allow a year. */
    static final int MAX_PERIOD_DAYS = 366;

    private static java.time.LocalDate date(org.wenzheng.server.http.Request request, String name, String label) {
        String text = request.queryParam(name).orElseThrow(() -> ApiException.invalidField(name, "请填写" + label
                + "，格式如 2026-11-01"));
        try {
            return java.time.LocalDate.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
            throw ApiException.invalidField(name, label + "格式须如 2026-11-01，收到“" + text + "”");
        }
    }

    // ------------------------------------------------------------------ staff: 回访

    record CallView(boolean reached, Boolean satisfied, String outcome, String note, String recordedBy,
            String recordedAt) {
        static CallView of(SatisfactionService.Call c) {
            return new CallView(c.reached(), c.satisfied(), outcome(c), c.note(), c.recordedBy(),
                    c.recordedAt().toString());
        }

        static String outcome(SatisfactionService.Call c) {
            if (!c.reached()) {
                return "未联系上";
            }
            return c.satisfied() == null ? "已联系，未表态" : c.satisfied() ? "已联系，满意" : "已联系，不满意";
        }
    }

    record FollowUpView(String code, String type, String typeName, String department, String departmentName,
            String title, String question, String phone, String answeredAt, String answer, String showUntil,
            List<CallView> calls) {
    }

    record ListView(int workingDays, List<FollowUpView> followUps) {
    }

    private FollowUpView view(SatisfactionService.FollowUp f) {
        return new FollowUpView(f.code(), f.type().dbName(), f.type().label(), f.department(),
                ticketsConfig.department(f.department()).map(d -> d.name()).orElse(f.department()), f.title(),
                f.question(), f.phone(), f.answeredAt().toString(), f.answer(), f.showUntil().toString(),
                f.calls().stream().map(CallView::of).toList());
    }

    /** {@code GET /api/v1/staff/follow-ups}: today's follow-up list (an officer of one department: its own). */
    Guard.StaffEndpoint list() {
        return (request, session) -> Response.json(HttpResponseStatus.OK, new ListView(
                service.config().followUpWorkingDays(), service.followUps(session.account().handlesOnly()).stream()
                        .map(this::view).toList()));
    }

    /**
     * {@code POST /api/v1/staff/follow-ups/{code}} with {@code {reached, satisfied, note}}: records a
     * call-back; 409 when the ticket is not on today's list.
     */
    Guard.StaffEndpoint record() {
        return (request, session) -> {
            ObjectNode body = JsonBodies.object(request);
            JsonNode reached = body.get("reached");
            if (reached == null || !reached.isBoolean()) {
                throw ApiException.invalidField("reached", "请选择是否联系上市民");
            }
            JsonNode satisfied = body.get("satisfied");
            if (satisfied != null && !satisfied.isNull() && !satisfied.isBoolean()) {
                throw ApiException.invalidField("satisfied", "市民是否满意须为是、否或未表态");
            }
            String note = JsonBodies.optionalText(body, "note");
            if (note != null && note.length() > MAX_NOTE_CHARS) {
                throw ApiException.invalidField("note", "回访记录最多 " + MAX_NOTE_CHARS + " 个字");
            }
            String code = request.pathParam("code");
            try {
                SatisfactionService.FollowUp f = service.recordCall(code, reached.booleanValue(),
                        satisfied == null || satisfied.isNull() ? null : satisfied.booleanValue(),
                        note == null || note.isBlank() ? null : note.strip(), session.account().username(),
                        session.account().handlesOnly());
                log.info("follow-up recorded code={} by={} reached={}", code, session.account().username(),
                        reached.booleanValue());
                return Response.json(HttpResponseStatus.OK, view(f));
            } catch (SatisfactionService.NotOnList e) {
                return Response.error(HttpResponseStatus.CONFLICT, CONFLICT, e.getMessage());
            }
        };
    }

}
