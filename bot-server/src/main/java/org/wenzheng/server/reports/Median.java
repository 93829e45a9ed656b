package org.wenzheng.server.reports;

import java.util.Arrays;

/** Whole working days of a group of items, and their median (null when there is none). */
final class Median {
    private int[] days = new int[16];
    private int count;

    void add(int d) {
        if (count == days.length) {
            days = Arrays.copyOf(days, count * 2);
        }
        days[count++] = d;
    }

    Double value() {
        if (count == 0) {
            return null;
        }
        int[] sorted = Arrays.copyOf(days, count);
        Arrays.sort(sorted);
        int mid = count / 2;
        return count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2.0;
    }
}
