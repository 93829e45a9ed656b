package org.wenzheng.server.reports;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.Year;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.wenzheng.server.http.ApiException;
import org.wenzheng.server.http.Request;

/**
 * The period a report request names: one of {@code day=2026-11-05}, {@code month=2026-11},
 * {@code year=2026}, or a custom {@code from=…&to=…} ([from, to), to the day after the last day).
 * Anything else is refused naming the parameter, in Chinese as /admin's form labels it.
 */
final class PeriodQuery {
    /** [from, to) in Beijing dates. */
    record Dates(LocalDate from, LocalDate to) {
    }

    private PeriodQuery() {
    }

    static Dates of(Request request) {
        List<String> given = new ArrayList<>();
        for (String name : List.of("day", "month", "year")) {
            if (request.queryParam(name).isPresent()) {
                given.add(name);
            }
        }
        boolean custom = request.queryParam("from").isPresent() || request.queryParam("to").isPresent();
        if (given.size() + (custom ? 1 : 0) > 1) {
            throw ApiException.invalidField(given.get(given.size() - 1), "统计期间只能选一种：按日（day）、按月（month）、"
                    + "按年（year）或自定义起止日期（from、to）");
        }
        if (given.isEmpty()) {
            return custom(request);
        }
        String name = given.get(0);
        String text = request.queryParam(name).orElseThrow().strip();
        try {
            return switch (name) {
                case "day" -> {
                    LocalDate d = LocalDate.parse(text);
                    yield new Dates(d, d.plusDays(1));
                }
                case "month" -> {
                    YearMonth m = YearMonth.parse(text);
                    yield new Dates(m.atDay(1), m.plusMonths(1).atDay(1));
                }
                default -> {
                    Year y = Year.of(yearNumber(text));
                    yield new Dates(y.atDay(1), y.plusYears(1).atDay(1));
                }
            };
        } catch (DateTimeException | NumberFormatException e) {
            String example = switch (name) {
                case "day" -> "统计日期须为日期，如 2026-11-05";
                case "month" -> "统计月份须为年月，如 2026-11";
                default -> "统计年度须为四位年份，如 2026";
            };
            throw ApiException.invalidField(name, example + "，收到“" + text + "”");
        }
    }

    private static int yearNumber(String text) {
        if (!text.matches("\\d{4}")) {
            throw new NumberFormatException(text);
        }
        return Integer.parseInt(text);
    }

    private static Dates custom(Request request) {
        LocalDate from = date(request, "from");
        LocalDate to = date(request, "to");
        if (!to.isAfter(from)) {
            throw ApiException.invalidField("to", "截止日期须晚于起始日期：统计期间含起始日期、不含截止日期"
                    + "（统计 11 月：起始日期 2026-11-01，截止日期 2026-12-01）");
        }
        return new Dates(from, to);
    }

    private static LocalDate date(Request request, String name) {
        String label = name.equals("from") ? "起始日期" : "截止日期";
        Optional<String> text = request.queryParam(name);
        String t = text.orElseThrow(() -> ApiException.invalidField(name,
                "请填写" + label + "，如 2026-11-01（或按日、按月、按年统计：day=2026-11-05、month=2026-11、year=2026）"));
        try {
            return LocalDate.parse(t.strip());
        } catch (DateTimeParseException e) {
            throw ApiException.invalidField(name, label + "须为日期，如 2026-11-01，收到“" + t + "”");
        }
    }
}
