package org.wenzheng.server.reports;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.Objects;
import org.wenzheng.server.db.Database;
import org.wenzheng.server.http.Feature;
import org.wenzheng.server.http.ApiException;
import org.wenzheng.server.http.Request;
import org.wenzheng.server.http.Response;
import org.wenzheng.server.http.Routes;
import org.wenzheng.server.staff.Guard;
import org.wenzheng.server.staff.Role;
import org.wenzheng.server.tickets.calendar.WorkingCalendar;

/**
 * The figures managers report, for administrators:
 * {@code GET /api/v1/admin/reports?from=2026-11-01&to=2026-12-01} (admin role; 401 without a
 * session, 403 for other roles). The period is [from, to) in Beijing dates: {@code to} is the day
 * after the last day, so a month is {@code from=2026-11-01&to=2026-12-01} and the year 2026 is
 * {@code from=2026-01-01&to=2027-01-01}. {@code &format=csv} returns the same figures as CSV with
 * Chinese headers (UTF-8 with BOM, for Excel); {@code format=json} is the default.
 *
 * <p>Errors (400 {@code invalid_field}, the message naming the parameter): {@code from} or {@code to}
 * missing or not a {@code yyyy-MM-dd} date, {@code to} not after {@code from}, a period longer than
 * {@code reports.maxPeriodDays} (366 by default), an unknown {@code format}.
 *
 * <p>The JSON (every field always present; a median is null when no ticket was answered):
 * <pre>{@code
 * {
 *   "period": {"from": "2026-11-01", "to": "2026-12-01", "lastDay": "2026-11-30",
 *              "timeZone": "Asia/Shanghai", "asOf": "2026-11-26T09:30:00Z"},
 *   "questions": {
 *     "total": 120, "answeredByBot": 90, "notAnsweredByBot": 30,
 *     "byChannel": [
 *       {"channel": "web", "questions": 100, "answeredByBot": 80, "notAnsweredByBot": 20},
 *       {"channel": "hotline", ...}, {"channel": "interview", ...}, {"channel": "api", ...}]
 *   },
 *   "tickets": {
 *     "created": 30, "answered": 25, "answeredOnTime": 23, "answeredLate": 2,
 *     "open": 7, "openOverdue": 1, "medianWorkingDaysToAnswer": 2.0,
 *     "byDepartment": [
 *       {"department": "民政局", "created": 10, "answered": 9, "answeredOnTime": 9, "answeredLate": 0,
 *        "open": 2, "openOverdue": 0, "medianWorkingDaysToAnswer": 1.5}, ...]
 *   },
 *   "disclosure": {
 *     "newlyReceived": 4, "carriedOver": 1, "resolved": 3, "carriedForward": 2, "balanced": true,
 *     "notAvailable": ["三（一）予以公开", ...]
 *   }
 * }
 * }</pre>
 * The meaning of each figure is documented on {@link Report}: "open" counts at {@code asOf}, the end
 * of the period or now if it has not ended; the disclosure figures are table 三 of the annual
 * 政府信息公开 report (本年新收, 上年结转, 三(七) 总计, 结转下年度) for the 总计 column, and
 * {@code notAvailable} lists the rows the data cannot fill yet.
 */
public final class ReportsFeature implements Feature {
    public static final String PATH = "/api/v1/admin/reports";
    static final String CSV = "text/csv; charset=utf-8";

    private final ReportsConfig config;
    private final ReportService reports;
    private final Guard guard;

    /**
     * @param config   the limits
     * @param calendar the working days (for the time answers took)
     */
    public ReportsFeature(ReportsConfig config, WorkingCalendar calendar, Database database, Guard guard, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.reports = new ReportService(database, Objects.requireNonNull(calendar, "calendar"), clock);
        this.guard = Objects.requireNonNull(guard, "guard");
    }

    @Override
    public void addRoutes(Routes.Builder routes) {
        routes.get(PATH, guard.api(EnumSet.of(Role.ADMIN), (request, session) -> handle(reports, request)));
    }

    private Response handle(ReportService reports, Request request) {
        LocalDate from = date(request, "from");
        LocalDate to = date(request, "to");
        if (!to.isAfter(from)) {
            throw ApiException.invalidField("to must be after from: the period is [from, to), to being the day after"
                    + " the last day (a month: from=2026-11-01&to=2026-12-01)");
        }
        long days = ChronoUnit.DAYS.between(from, to);
        if (days > config.maxPeriodDays()) {
            throw ApiException.invalidField("the period from " + from + " to " + to + " is " + days
                    + " days; at most " + config.maxPeriodDays() + " (reports.maxPeriodDays)");
        }
        String format = request.queryParam("format").orElse("json");
        switch (format) {
            case "json":
                return Response.json(HttpResponseStatus.OK, reports.report(from, to));
            case "csv":
                return Response.of(HttpResponseStatus.OK, CSV, ReportCsv.write(reports.report(from, to)))
                        .withHeader("Content-Disposition", "attachment; filename=\"wenzheng-report-" + from + "-"
                                + to.minusDays(1) + ".csv\"")
                        .withHeader("Cache-Control", "no-store");
            default:
                throw ApiException.invalidField("format must be json or csv, got '" + format + "'");
        }
    }

    private static LocalDate date(Request request, String name) {
        String text = request.queryParam(name).orElseThrow(() -> ApiException.invalidField(
                name + " is missing: give a date like " + name + "=2026-11-01"));
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw ApiException.invalidField(name + " must be a date like 2026-11-01, got '" + text + "'");
        }
    }
}
