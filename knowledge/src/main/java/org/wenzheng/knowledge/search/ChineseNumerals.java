package org.wenzheng.knowledge.search;

/** Writes numbers the way article labels do: 39 → 三十九, 105 → 一百零五, 1260 → 一千二百六十. */
final class ChineseNumerals {
    private static final String DIGITS = "零一二三四五六七八九";

    private ChineseNumerals() {
    }

    static String of(int n) {
        if (n < 0 || n > 9999) {
            throw new IllegalArgumentException("article numbers run from 0 to 9999: " + n);
        }
        if (n < 10) {
            return String.valueOf(DIGITS.charAt(n));
        }
        if (n < 20) {
            return "十" + (n % 10 == 0 ? "" : String.valueOf(DIGITS.charAt(n % 10)));
        }
        String[] units = {"", "十", "百", "千"};
        StringBuilder sb = new StringBuilder();
        String s = Integer.toString(n);
        boolean pendingZero = false;
        for (int i = 0; i < s.length(); i++) {
            int d = s.charAt(i) - '0';
            int unit = s.length() - 1 - i;
            if (d == 0) {
                pendingZero = sb.length() > 0;
                continue;
            }
            if (pendingZero) {
                sb.append('零');
                pendingZero = false;
            }
            sb.append(DIGITS.charAt(d)).append(units[unit]);
        }
        return sb.toString();
    }
}
