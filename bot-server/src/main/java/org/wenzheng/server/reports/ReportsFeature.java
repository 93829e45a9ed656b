package org.wenzheng.server.reports;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Clock;
import java.time.LocalDate;
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
 * The managers' reports, for administrators: {@code GET /api/v1/admin/reports?from=…&to=…} (or
 * {@code day=}, {@code month=}, {@code year=}: {@link PeriodQuery}), the figures of {@link Report}
 * for a period of Beijing dates, as JSON, CSV or an XLSX workbook ({@link ReportXlsx}). The API (parameters,
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
     * @param mailboxNames    the named mailboxes' names by id, in the configuration's order (empty: none)
     */
    public ReportsFeature(ReportsConfig config, WorkingCalendar calendar, Map<String, String> departmentNames,
            Map<String, String> mailboxNames, Database database, Guard guard, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.reports = new ReportService(database, Objects.requireNonNull(calendar, "calendar"), departmentNames,
                mailboxNames, clock);
        this.guard = Objects.requireNonNull(guard, "guard");
    }

    @Override
    public void addRoutes(Routes.Builder routes) {
        routes.get(PATH, guard.api(EnumSet.of(Role.ADMIN), (request, session) -> handle(reports, request)));
    }

    private Response handle(ReportService reports, Request request) {
        PeriodQuery.Dates period = PeriodQuery.of(request);
        LocalDate from = period.from();
        LocalDate to = period.to();
        long days = ChronoUnit.DAYS.between(from, to);
        if (days > config.maxPeriodDays()) {
            throw ApiException.invalidField("to", "统计期间 " + from + " 至 " + to.minusDays(1) + " 共 " + days
                    + " 天，最长 " + config.maxPeriodDays() + " 天（reports.maxPeriodDays）");
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
            case "xlsx":
                return Response.of(HttpResponseStatus.OK, ReportXlsx.CONTENT_TYPE,
                                ReportXlsx.write(reports.report(from, to)))
                        .withHeader("Content-Disposition", "attachment; filename=\"wenzheng-report-" + from + "-"
                                + to.minusDays(1) + ".xlsx\"")
                        .withHeader("Cache-Control", "no-store");
            default:
                throw ApiException.invalidField("format", "格式须为 json、csv 或 xlsx，收到“" + format + "”");
        }
    }
}
