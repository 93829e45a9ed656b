package org.wenzheng.server.reports;

/**
 * The reports' limits, validated once at start.
 *
 * @param maxPeriodDays the longest period one report may cover, in days: a year (366, a leap year
 *                      whole) by default, since the annual disclosure report is the longest a
 *                      manager needs, and each report reads every ticket of its period
 */
public record ReportsConfig(int maxPeriodDays) {
    public static final int DEFAULT_MAX_PERIOD_DAYS = 366;
    /** Ten years: beyond it a report is a data export, not a report. */
    static final int MAX_PERIOD_DAYS_LIMIT = 3660;

    public static final ReportsConfig DEFAULTS = new ReportsConfig(DEFAULT_MAX_PERIOD_DAYS);

    public ReportsConfig {
        if (maxPeriodDays < 1 || maxPeriodDays > MAX_PERIOD_DAYS_LIMIT) {
            throw new IllegalArgumentException("maxPeriodDays must be in [1," + MAX_PERIOD_DAYS_LIMIT + "], got "
                    + maxPeriodDays);
        }
    }
}
