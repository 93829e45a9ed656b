package org.wenzheng.server.reports;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.Map;
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
 * The managers' reports, for administrators: {@code GET /api/v1/admin/reports?from=…&to=…}, the
 * figures of {@link Report} for a period of Beijing dates, as JSON or CSV. The API (parameters,
 * errors, the JSON, what each figure means) is specified in docs/reports.md.
 */
public final class ReportsFeature implements Feature {
    public static final String PATH = "/api/v1/admin/reports";
    static final String CSV = "text/csv; charset=utf-8";

    private final ReportsConfig config;
    private final ReportService reports;
    private final Guard guard;

    /**
     * @param config   the limits
     * @param calendar        the working days (for the time answers took)
     * @param departmentNames department names by id (from the tickets configuration), for the people reading
     */
    public ReportsFeature(ReportsConfig config, WorkingCalendar calendar, Map<String, String> departmentNames,
            Database database, Guard guard, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.reports = new ReportService(database, Objects.requireNonNull(calendar, "calendar"), departmentNames,
                clock);
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
