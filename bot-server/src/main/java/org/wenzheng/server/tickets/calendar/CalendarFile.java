package org.wenzheng.server.tickets.calendar;

import static org.wenzheng.server.yaml.YamlErrors.at;
import static org.wenzheng.server.yaml.YamlErrors.keyOf;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.format.TextStyle;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Reads {@code calendar.yaml}: years as top-level keys, each with its public holidays (a date, or
 * a range {@code from}–{@code to}, and the festival's name) and its make-up working days. Every
 * problem is reported with the file, the field and the line, since an operator edits this file by
 * hand once a year and must find a typo quickly.
 */
final class CalendarFile {
    /** A holiday range longer than this is a typo (the longest, 春节 or 国庆, is 8 or 9 days). */
    static final int MAX_HOLIDAY_DAYS = 15;

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private CalendarFile() {
    }

    /** A scalar as written, with the line it is on (1-based), so that checks after binding can point at it. */
    @JsonDeserialize(using = LocatedDeserializer.class)
    record Located(String text, int line) {
    }

    // Bound field by field (plain classes, not records): Jackson then reads each mapping in order
    // instead of buffering it for a constructor, so an unknown key is reported at its own line.

    @JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
    static final class RawYear {
        String source;
        List<RawHoliday> holidays;
        List<RawWorkday> workdays;
    }

    @JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
    static final class RawHoliday {
        String name;
        Located date;
        Located from;
        Located to;
    }

    @JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
    static final class RawWorkday {
        String name;
        Located date;
    }

    static final class LocatedDeserializer extends StdDeserializer<Located> {
        private static final long serialVersionUID = 1L;

        LocatedDeserializer() {
            super(Located.class);
        }

        @Override
        public Located deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonLocation at = p.currentTokenLocation();
            if (!p.currentToken().isScalarValue()) {
                return (Located) ctxt.handleUnexpectedToken(Located.class, p);
            }
            return new Located(p.getText(), at.getLineNr());
        }
    }

    static WorkingCalendar load(Path file, String shownAs) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new CalendarException(shownAs + ": calendar file not found");
        } catch (IOException e) {
            throw new CalendarException(shownAs + ": cannot read the calendar file: " + e.getMessage(), e);
        }
        return parse(text, shownAs);
    }

    static WorkingCalendar parse(String text, String shownAs) {
        Map<Integer, RawYear> raw;
        try {
            raw = YAML.readValue(text, new TypeReference<LinkedHashMap<Integer, RawYear>>() { });
        } catch (UnrecognizedPropertyException e) {
            throw new CalendarException(shownAs + ": unknown key " + keyOf(e) + keyLine(text, e)
                    + "; known keys here: " + known(e), e);
        } catch (JsonMappingException e) {
            String key = keyOf(e);
            String problem = e.getOriginalMessage().lines().findFirst().orElse("");
            if (problem.contains("Map key")) {
                throw new CalendarException(shownAs + ": top-level keys must be years like 2027" + at(e), e);
            }
            throw new CalendarException(shownAs + ": " + (key.isEmpty() ? "the file" : key) + " has the wrong form"
                    + at(e) + ": " + problem, e);
        } catch (JacksonException e) {
            throw new CalendarException(shownAs + ": not valid YAML" + at(e) + ": "
                    + e.getOriginalMessage().lines().findFirst().orElse(""), e);
        }
        return new Checker(shownAs).check(raw == null ? Map.of() : raw);
    }

    private static String known(UnrecognizedPropertyException e) {
        return e.getKnownPropertyIds() == null ? "" : String.join(", ",
                new TreeSet<>(e.getKnownPropertyIds().stream().map(String::valueOf).toList()));
    }

    /**
     * The line of an unknown key. The parser has moved on to the key's value when it reports it
     * (for a nested mapping or list, the next line), so the key is the last line at or before that
     * which writes it.
     */
    private static String keyLine(String text, UnrecognizedPropertyException e) {
        JsonLocation loc = e.getLocation();
        if (loc == null || loc.getLineNr() < 1) {
            return "";
        }
        Pattern key = Pattern.compile("^\\s*(- +)?[\"']?" + Pattern.quote(e.getPropertyName()) + "[\"']?\\s*:");
        List<String> lines = text.lines().toList();
        for (int i = Math.min(loc.getLineNr(), lines.size()) - 1; i >= 0; i--) {
            if (key.matcher(lines.get(i)).find()) {
                return " (line " + (i + 1) + ")";
            }
        }
        return at(e);
    }

    /** Checks the bound file; the first problem is thrown. */
    private static final class Checker {
        private final String file;
        private final Map<LocalDate, WorkingCalendar.SpecialDay> days = new HashMap<>();
        /** Where each date was listed, for "also listed at line n". */
        private final Map<LocalDate, Integer> listedAt = new HashMap<>();

        Checker(String file) {
            this.file = file;
        }

        WorkingCalendar check(Map<Integer, RawYear> raw) {
            Set<Integer> years = new HashSet<>();
            for (Map.Entry<Integer, RawYear> e : raw.entrySet()) {
                int year = e.getKey();
                String key = String.valueOf(year);
                if (year < 2000 || year > 2100) {
                    throw fail(key, "is not a year between 2000 and 2100", 0);
                }
                RawYear y = e.getValue();
                if (y == null || (y.holidays == null && y.workdays == null)) {
                    throw fail(key, "needs holidays (and workdays, the make-up working days, if any)", 0);
                }
                List<RawHoliday> holidays = y.holidays == null ? List.of() : y.holidays;
                for (int i = 0; i < holidays.size(); i++) {
                    holiday(year, key + ".holidays[" + i + "]", holidays.get(i));
                }
                List<RawWorkday> workdays = y.workdays == null ? List.of() : y.workdays;
                for (int i = 0; i < workdays.size(); i++) {
                    workday(year, key + ".workdays[" + i + "]", workdays.get(i));
                }
                years.add(year);
            }
            return new WorkingCalendar(file, days, years);
        }

        private void holiday(int year, String key, RawHoliday h) {
            if (h == null) {
                throw fail(key, "must be a mapping with name and date (or from and to)", 0);
            }
            String name = name(key, h.name, h.date != null ? h.date : h.from);
            LocalDate first;
            LocalDate last;
            int line;
            if (h.date != null) {
                if (h.from != null || h.to != null) {
                    throw fail(key, "has date and from/to: write either one date or a range from … to", h.date.line());
                }
                first = date(year, key + ".date", h.date);
                last = first;
                line = h.date.line();
            } else {
                if (h.from == null || h.to == null) {
                    Located given = h.from != null ? h.from : h.to;
                    throw fail(key, "needs date, or both from and to", given == null ? 0 : given.line());
                }
                first = date(year, key + ".from", h.from);
                last = date(year, key + ".to", h.to);
                line = h.from.line();
                if (last.isBefore(first)) {
                    throw fail(key + ".to", last + " is before from " + first, h.to.line());
                }
                if (last.toEpochDay() - first.toEpochDay() + 1 > MAX_HOLIDAY_DAYS) {
                    throw fail(key, "from " + first + " to " + last + " is longer than " + MAX_HOLIDAY_DAYS
                            + " days; a typo?", line);
                }
            }
            for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
                put(key, d, new WorkingCalendar.SpecialDay(false, name), line);
            }
        }

        private void workday(int year, String key, RawWorkday w) {
            if (w == null || w.date == null) {
                throw fail(key, "must be a mapping with date and name (the festival it makes up for)", 0);
            }
            LocalDate d = date(year, key + ".date", w.date);
            String name = name(key, w.name, w.date);
            if (d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY) {
                throw fail(key + ".date", d + " is a " + d.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH)
                        + ": a make-up working day (调休) must be a Saturday or Sunday", w.date.line());
            }
            put(key, d, new WorkingCalendar.SpecialDay(true, name), w.date.line());
        }

        private void put(String key, LocalDate d, WorkingCalendar.SpecialDay day, int line) {
            WorkingCalendar.SpecialDay before = days.putIfAbsent(d, day);
            if (before != null) {
                String other = " (also at line " + listedAt.get(d) + ")";
                if (before.working() != day.working()) {
                    throw fail(key, d + " is listed both as a holiday and as a make-up working day" + other, line);
                }
                throw fail(key, "duplicate date " + d + other, line);
            }
            listedAt.put(d, line);
        }

        private String name(String key, String name, Located near) {
            if (name == null || name.isBlank()) {
                throw fail(key + ".name", "is missing: name the festival (元旦, 春节 …)", near == null ? 0 : near.line());
            }
            return name.strip();
        }

        /**
         * A date of this year's schedule. A schedule may reach into the neighbouring December or
         * January (元旦 sometimes starts on 30 December, with a make-up day before it), no further.
         */
        private LocalDate date(int year, String key, Located value) {
            LocalDate d;
            try {
                d = LocalDate.parse(value.text().strip());
            } catch (DateTimeParseException e) {
                throw fail(key, "'" + value.text() + "' is not a date: write yyyy-MM-dd, like " + year + "-10-01",
                        value.line());
            }
            LocalDate earliest = LocalDate.of(year - 1, 12, 1);
            LocalDate latest = LocalDate.of(year + 1, 1, 31);
            if (d.isBefore(earliest) || d.isAfter(latest)) {
                throw fail(key, d + " is not in " + year + " (a year's schedule may reach into the neighbouring "
                        + "December or January only)", value.line());
            }
            return d;
        }

        private CalendarException fail(String key, String problem, int line) {
            return new CalendarException(file + ": " + key + ": " + problem + (line > 0 ? " (line " + line + ")" : ""));
        }
    }
}
