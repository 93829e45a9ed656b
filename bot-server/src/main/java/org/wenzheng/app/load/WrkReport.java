package org.wenzheng.app.load;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The figures of one wrk run ({@code wrk --latency -s bench/ask.lua …}), read from its text
 * output: throughput, latency percentiles, socket errors, wrk's own count of non-2xx/3xx answers,
 * and the count of non-2xx answers by status that {@code bench/ask.lua} prints at the end.
 *
 * @param requests          responses received
 * @param seconds           the run's length as wrk reports it
 * @param requestsPerSecond wrk's {@code Requests/sec}
 * @param p50Ms             latency percentiles of the {@code --latency} distribution, in ms
 * @param p75Ms             …
 * @param p90Ms             …
 * @param p99Ms             …
 * @param socketErrors      connect, read, write and timeout errors together
 * @param non2xx3xx         wrk's {@code Non-2xx or 3xx responses} (0 when it prints none)
 * @param scriptNon2xx      non-2xx answers counted by {@code ask.lua}, when its line is present
 * @param byStatus          those answers by HTTP status, from the same line
 */
public record WrkReport(long requests, double seconds, double requestsPerSecond, double p50Ms, double p75Ms,
        double p90Ms, double p99Ms, long socketErrors, long non2xx3xx, Optional<Long> scriptNon2xx,
        Map<Integer, Long> byStatus) {

    private static final String NUMBER = "(\\d+(?:\\.\\d+)?)";
    private static final String TIME = NUMBER + "(us|ms|s|m|h)";
    private static final Pattern RATE = Pattern.compile("^Requests/sec:\\s+" + NUMBER + "\\s*$", Pattern.MULTILINE);
    private static final Pattern TOTAL = Pattern.compile("^\\s*(\\d+) requests in " + TIME + ",", Pattern.MULTILINE);
    private static final Pattern PERCENTILE = Pattern.compile("^\\s+(50|75|90|99)%\\s+" + TIME + "\\s*$",
            Pattern.MULTILINE);
    private static final Pattern SOCKET_ERRORS = Pattern.compile(
            "^\\s*Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)\\s*$", Pattern.MULTILINE);
    private static final Pattern NON_2XX_3XX = Pattern.compile("^\\s*Non-2xx or 3xx responses: (\\d+)\\s*$",
            Pattern.MULTILINE);
    /** The line of bench/ask.lua's done(): {@code ask.lua: responses=N non2xx=N statuses=503:2,404:1}. */
    private static final Pattern SCRIPT = Pattern.compile(
            "^ask\\.lua: responses=(\\d+) non2xx=(\\d+) statuses=(\\S*)\\s*$", Pattern.MULTILINE);

    public WrkReport {
        byStatus = Map.copyOf(byStatus);
    }

    /** Every error seen: non-2xx answers (by the script when it counted, else by wrk) and socket errors. */
    public long errors() {
        return scriptNon2xx.orElse(non2xx3xx) + socketErrors;
    }

    /**
     * Reads wrk's output.
     *
     * @throws IllegalArgumentException when a figure is missing (wrk failed, or ran without
     *                                  {@code --latency}), naming it
     */
    public static WrkReport parse(String output) {
        Matcher rate = RATE.matcher(output);
        if (!rate.find()) {
            throw new IllegalArgumentException("no 'Requests/sec:' line in wrk's output");
        }
        Matcher total = TOTAL.matcher(output);
        if (!total.find()) {
            throw new IllegalArgumentException("no 'N requests in T' line in wrk's output");
        }
        Map<String, Double> percentiles = new TreeMap<>();
        Matcher p = PERCENTILE.matcher(output);
        while (p.find()) {
            percentiles.put(p.group(1), millis(p.group(2), p.group(3)));
        }
        for (String needed : new String[] {"50", "75", "90", "99"}) {
            if (!percentiles.containsKey(needed)) {
                throw new IllegalArgumentException("no " + needed + "% latency in wrk's output"
                        + " (run it with --latency)");
            }
        }
        long socketErrors = 0;
        Matcher s = SOCKET_ERRORS.matcher(output);
        if (s.find()) {
            for (int g = 1; g <= 4; g++) {
                socketErrors += Long.parseLong(s.group(g));
            }
        }
        Matcher n = NON_2XX_3XX.matcher(output);
        long non2xx3xx = n.find() ? Long.parseLong(n.group(1)) : 0;
        Optional<Long> scriptNon2xx = Optional.empty();
        Map<Integer, Long> byStatus = new TreeMap<>();
        Matcher script = SCRIPT.matcher(output);
        if (script.find()) {
            scriptNon2xx = Optional.of(Long.parseLong(script.group(2)));
            byStatus.putAll(statuses(script.group(3)));
        }
        return new WrkReport(Long.parseLong(total.group(1)), millis(total.group(2), total.group(3)) / 1000,
                Double.parseDouble(rate.group(1)), percentiles.get("50"), percentiles.get("75"), percentiles.get("90"),
                percentiles.get("99"), socketErrors, non2xx3xx, scriptNon2xx, byStatus);
    }

    /** {@code 503:2,404:1} (empty for none) as a map. */
    static Map<Integer, Long> statuses(String text) {
        Map<Integer, Long> out = new TreeMap<>();
        if (text.isEmpty()) {
            return out;
        }
        for (String pair : text.split(",")) {
            int colon = pair.indexOf(':');
            if (colon < 1) {
                throw new IllegalArgumentException("ask.lua: not a status:count pair: '" + pair + "'");
            }
            out.merge(Integer.parseInt(pair.substring(0, colon)), Long.parseLong(pair.substring(colon + 1)), Long::sum);
        }
        return out;
    }

    /** A wrk duration ({@code 812.00us}, {@code 4.90ms}, {@code 1.02s}, {@code 1.00m}) in milliseconds. */
    static double millis(String number, String unit) {
        double v = Double.parseDouble(number);
        return switch (unit.toLowerCase(Locale.ROOT)) {
            case "us" -> v / 1000;
            case "ms" -> v;
            case "s" -> v * 1000;
            case "m" -> v * 60_000;
            case "h" -> v * 3_600_000;
            default -> throw new IllegalArgumentException("unknown time unit " + unit);
        };
    }
}
