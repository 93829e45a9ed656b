package org.wenzheng.server.privacy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks citizens' personal data in text shown to people who do not need it (log lines, mail to a
 * department without {@code seeContact}, public pages): 身份证号 (resident identity card numbers, 18
 * characters, the last may be X, and the old 15-digit ones), mobile numbers (1[3-9] and nine digits,
 * with or without +86 or 0086), landlines (an area code and seven or eight digits: 010-88886666,
 * (0755)12345678), bank card numbers (16 to 19 digits; any longer run of digits too), e-mail
 * addresses, and names and addresses given as labelled fields (姓名：…, 住址：…).
 *
 * <p>The data is found in a folded copy of the text ({@link NormalizedText}), so that it is found
 * however it is written: full-width (１３８, ＠), in Chinese numerals (一三八…, 〇 or 零 for 0, 幺 for 1),
 * grouped by any separator (U+3000, NBSP, U+2006, dots, full-width hyphens, parentheses) or split
 * by invisible characters (U+200B). It is then replaced in the original text: everything around it
 * stays exactly as written, and so do the separators inside a number (138 **** 5678).
 *
 * <p>What is kept is only what cannot identify a person alone: the last four characters of an
 * identity or card number, the first three and last four digits of a mobile number (the usual
 * 138****5678), the area code and the last four digits of a landline, the first character and the
 * domain of an address, the surname of a name, the province and city of a postal address. A false
 * positive (a long reference number masked) costs a reader little; a miss leaks a citizen's data,
 * so the rules lean towards masking. Card numbers are not Luhn-checked for that reason: a card
 * number with a typo is still someone's card number. What tells a card from a list of dates is the
 * grouping (a card is written in one piece or in groups of four, never 2024.06.15-2024.07.15);
 * the price is that four years written in groups of four (2019 2020 2021 2022) are masked as one.
 */
public final class PersonalDataMasker {
    /** Characters that may separate the digit groups of one number, once folded. */
    private static final String SEPARATORS = " -./()+";
    /** Most separator characters between two groups of one number ("138 - 1234", "(0755) 1234"). */
    private static final int MAX_GAP = 3;
    /** The most digits one piece of personal data has: a landline with 0086, 0 and an area code. */
    private static final int MAX_DIGITS = 20;
    /** The fewest digits of a run masked although it has no known shape. */
    private static final int LONG_NUMBER_DIGITS = 16;
    /** Characters kept at the end of an identity or card number. */
    private static final int KEPT_AT_END = 4;

    private static final Pattern MOBILE = Pattern.compile("(0086|86)?1[3-9]\\d{9}");
    // 0, an area code of two or three digits (10, 2x, or three), and seven or eight digits; the 0
    // may be left out after the country code.
    private static final Pattern LANDLINE = Pattern.compile("(?:(?:0086|86)0?|0)([1-9]\\d{9,10})");
    private static final Pattern EMAIL = Pattern.compile("(?<![A-Za-z0-9._%+-])([A-Za-z0-9._%+-]+) ?@ ?"
            + "(?:[A-Za-z0-9-]+|\\p{IsHan}+)(?:\\.(?:[A-Za-z0-9-]+|\\p{IsHan}+))+");
    // Labelled fields, as hotline notes and forms pasted into a question have them. A label without
    // a colon is a word of the question (姓名变更怎么办理), not a field.
    private static final Pattern NAME = Pattern.compile("(?:(?:姓名|名字|联系人|来电人|申请人|投诉人|反映人|当事人|户主"
            + "|收件人):|我叫|本人叫) ?(\\p{IsHan}{2,4})");
    private static final Pattern ADDRESS = Pattern.compile("(?:家庭住址|家庭地址|居住地址|现住址|通讯地址|户籍地址|联系地址"
            + "|收件地址|居住地|住址|地址): ?([^,;!?.@\\n\\r]{2,80})");
    /** The province and city of an address: kept, as they identify nobody. */
    private static final Pattern REGION = Pattern.compile("(?:\\p{IsHan}{1,7}?(?:省|自治区|市)){1,2}");

    private PersonalDataMasker() {
    }

    /** The text with every piece of personal data masked; null becomes "". */
    public static String mask(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        NormalizedText folded = NormalizedText.of(text);
        Redactions r = new Redactions(text, folded);
        emails(folded, r);
        labelled(folded, r);
        numbers(folded, r);
        return r.apply();
    }

    /**
     * A name given in a form (an interview asker's name) as it is shown: its first character and
     * a star for each other one (张*, 欧阳**), so that the asker is recognised by themselves and by
     * nobody else; null becomes null.
     */
    public static String maskName(String name) {
        if (name == null) {
            return null;
        }
        String s = name.strip();
        if (s.isEmpty()) {
            return "";
        }
        int first = Character.charCount(s.codePointAt(0));
        return s.substring(0, first) + "*".repeat(Math.max(1, s.codePointCount(first, s.length())));
    }

    // ------------------------------------------------------------------ e-mail, names, addresses

    private static void emails(NormalizedText n, Redactions r) {
        Matcher m = EMAIL.matcher(n.words());
        while (m.find()) {
            // The local part is the person; the domain (a provider, an employer) stays.
            r.replace(m.start(1), m.end(1), r.original(m.start(1)) + "***");
        }
    }

    private static void labelled(NormalizedText n, Redactions r) {
        Matcher name = NAME.matcher(n.words());
        while (name.find()) {
            r.keepFirst(name.start(1), name.end(1), 1);
        }
        Matcher address = ADDRESS.matcher(n.words());
        while (address.find()) {
            int start = address.start(1);
            int end = address.end(1);
            while (end > start && n.charAt(end - 1) == ' ') {
                end--;
            }
            Matcher region = REGION.matcher(n.words()).region(start, end);
            r.keepFirst(start, end, region.lookingAt() ? region.end() - start : 0);
        }
    }

    // ------------------------------------------------------------------ numbers

    /** Digits of one piece, not split by separators: [start, end) of the folded text; x: an X follows. */
    private record Group(int start, int end, boolean x) {
        int digits() {
            return end - start;
        }
    }

    private static void numbers(NormalizedText n, Redactions r) {
        List<Group> run = new ArrayList<>();
        for (int i = 0; i < n.length(); ) {
            if (!r.isDigit(i)) {
                i++;
                continue;
            }
            // A Chinese numeral is a group by itself: 一三八…一直 ends the number wherever the
            // numerals of the words begin.
            int j = i + 1;
            if (!n.numeral(i)) {
                while (j < n.length() && r.isDigit(j) && !n.numeral(j)) {
                    j++;
                }
            }
            boolean x = j < n.length() && (n.charAt(j) == 'X' || n.charAt(j) == 'x') && r.free(j, j + 1);
            Group g = new Group(i, j, x);
            if (!run.isEmpty() && !joins(n, r, run.get(run.size() - 1), g)) {
                run(n, r, run);
                run.clear();
            }
            run.add(g);
            i = j;
        }
        run(n, r, run);
    }

    /** Whether b continues the number a belongs to: only a few separators between them. */
    private static boolean joins(NormalizedText n, Redactions r, Group a, Group b) {
        if (a.x() || b.start() - a.end() > MAX_GAP || !r.free(a.end(), b.start())) {
            return false;
        }
        for (int k = a.end(); k < b.start(); k++) {
            if (SEPARATORS.indexOf(n.charAt(k)) < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Finds the personal data in a run of digit groups, from the left: at each group, the longest
     * piece starting there that has a known shape (an identity number, a mobile, a landline, a
     * card); then any long group left.
     */
    private static void run(NormalizedText n, Redactions r, List<Group> run) {
        if (run.isEmpty()) {
            return;
        }
        boolean[] used = new boolean[run.size()];
        for (int i = 0; i < run.size(); ) {
            int last = i;
            int digits = run.get(i).digits();
            while (last + 1 < run.size() && digits + run.get(last + 1).digits() <= MAX_DIGITS) {
                last++;
                digits += run.get(last).digits();
            }
            int found = -1;
            for (int j = last; j >= i && found < 0; j--) {
                // From the left, longest first: the groups of a card (6222 0212 3456 7890) hide a
                // landline, found only when the card is not.
                if (maskedAsKnownShape(n, r, run, i, j) || maskedAsCard(n, r, run, i, j)) {
                    found = j;
                }
            }
            if (found < 0) {
                i++;
                continue;
            }
            for (int k = i; k <= found; k++) {
                used[k] = true;
            }
            i = found + 1;
        }
        for (int i = 0; i < run.size(); i++) {
            Group g = run.get(i);
            if (!used[i] && g.digits() >= LONG_NUMBER_DIGITS) {
                r.star(g.start(), g.end(), digitsOf(run, i, i), KEPT_AT_END, 0);
            }
        }
    }

    /** Masks groups i to j when they are an identity number, a mobile or a landline; whether they were. */
    private static boolean maskedAsKnownShape(NormalizedText n, Redactions r, List<Group> run, int i, int j) {
        int[] at = digitsOf(run, i, j);
        String d = digits(n, at);
        int start = run.get(i).start();
        Group last = run.get(j);
        boolean single = i == j;
        if (last.x() && d.length() == 17) {
            int[] withX = Arrays.copyOf(at, 18);
            withX[17] = last.end();
            r.star(start, last.end() + 1, withX, KEPT_AT_END, 0);
            return true;
        }
        if ((d.length() == 18 && (single || plausibleBirth(d, 8))) || (d.length() == 15 && plausibleBirth(d, 6))) {
            r.star(start, last.end(), at, KEPT_AT_END, 0);
            return true;
        }
        Matcher mobile = MOBILE.matcher(d);
        if (mobile.matches()) {
            int prefix = mobile.group(1) == null ? 0 : mobile.group(1).length();
            r.star(start, last.end(), at, KEPT_AT_END, prefix + 3);
            return true;
        }
        Matcher landline = LANDLINE.matcher(d);
        if (landline.matches()) {
            char first = d.charAt(landline.start(1));
            int head = landline.start(1) + (first == '1' || first == '2' ? 2 : 3);
            if (!single && !localInGroupsOfThreeOrMore(run, i, j, head)) {
                return false;
            }
            r.star(start, last.end(), at, KEPT_AT_END, head);
            return true;
        }
        return false;
    }

    /**
     * Whether the local number of a landline written in pieces is in pieces of three or more
     * digits after its area code (8888 6666, 1234-5678), as phone numbers are written: dates are
     * not (06.15-2024.07.15).
     */
    private static boolean localInGroupsOfThreeOrMore(List<Group> run, int i, int j, int head) {
        int seen = 0;
        int piece = 0;
        for (int k = i; k <= j; k++) {
            Group g = run.get(k);
            // Chinese numerals are groups of one digit each, written without separators: one piece.
            boolean continues = k > i && g.start() == run.get(k - 1).end();
            if (!continues && !localPieceLongEnough(seen - piece, piece, head)) {
                return false;
            }
            piece = continues ? piece + g.digits() : g.digits();
            seen += g.digits();
        }
        return localPieceLongEnough(seen - piece, piece, head);
    }

    /** Whether a piece of digits starting at digit {@code at} has no digit or three or more after the head. */
    private static boolean localPieceLongEnough(int at, int digits, int head) {
        int local = Math.min(digits, at + digits - head);
        return local <= 0 || local >= 3 || digits == 0;
    }

    /**
     * Masks groups i to j when they are a card (16 to 19 digits in one piece, in groups of four or
     * more, or digit by digit); whether they were.
     */
    private static boolean maskedAsCard(NormalizedText n, Redactions r, List<Group> run, int i, int j) {
        int[] at = digitsOf(run, i, j);
        if (at.length < LONG_NUMBER_DIGITS || at.length > 19) {
            return false;
        }
        boolean oneByOne = true;
        boolean byFours = true;
        for (int k = i; k <= j; k++) {
            oneByOne &= run.get(k).digits() == 1;
            byFours &= k == j || run.get(k).digits() >= 4;
        }
        if (i != j && !oneByOne && !byFours) {
            return false;
        }
        r.star(run.get(i).start(), run.get(j).end(), at, KEPT_AT_END, 0);
        return true;
    }

    /**
     * Whether an 18-digit (birth date of 8 digits) or 15-digit (6 digits) number reads as an
     * identity number: a region code starting 1 to 8, then a real-looking date. Checked for numbers
     * written in pieces, which could be a date and something else.
     */
    private static boolean plausibleBirth(String d, int dateDigits) {
        if (d.charAt(0) < '1' || d.charAt(0) > '8') {
            return false;
        }
        int at = 6;
        if (dateDigits == 8) {
            if (!d.startsWith("19", at) && !d.startsWith("20", at)) {
                return false;
            }
            at += 2;
        }
        int month = Integer.parseInt(d.substring(at + 2, at + 4));
        int day = Integer.parseInt(d.substring(at + 4, at + 6));
        return month >= 1 && month <= 12 && day >= 1 && day <= 31;
    }

    /** The folded positions of the digits of groups i to j. */
    private static int[] digitsOf(List<Group> run, int i, int j) {
        int count = 0;
        for (int k = i; k <= j; k++) {
            count += run.get(k).digits();
        }
        int[] at = new int[count];
        int p = 0;
        for (int k = i; k <= j; k++) {
            for (int c = run.get(k).start(); c < run.get(k).end(); c++) {
                at[p++] = c;
            }
        }
        return at;
    }

    private static String digits(NormalizedText n, int[] at) {
        StringBuilder sb = new StringBuilder(at.length);
        for (int p : at) {
            sb.append(n.charAt(p));
        }
        return sb.toString();
    }

    // ------------------------------------------------------------------ replacing in the original

    /** The replacements found so far, in folded positions, and how they are written back. */
    private static final class Redactions {
        private record Cut(int from, int to, String text) {
        }

        private final String original;
        private final NormalizedText n;
        private final boolean[] taken;
        private final List<Cut> cuts = new ArrayList<>();

        Redactions(String original, NormalizedText n) {
            this.original = original;
            this.n = n;
            this.taken = new boolean[n.length()];
        }

        /** Whether folded character i is a digit not yet inside a replacement. */
        boolean isDigit(int i) {
            char c = n.charAt(i);
            return c >= '0' && c <= '9' && !taken[i];
        }

        /** Whether no folded character of [start, end) is inside a replacement yet. */
        boolean free(int start, int end) {
            for (int i = start; i < end; i++) {
                if (taken[i]) {
                    return false;
                }
            }
            return true;
        }

        /** The original text of folded character i. */
        String original(int i) {
            return original.substring(n.from(i), n.to(i));
        }

        /** Replaces the original of folded [start, end) with text, unless part of it is replaced already. */
        void replace(int start, int end, String text) {
            if (start >= end || !free(start, end)) {
                return;
            }
            for (int i = start; i < end; i++) {
                taken[i] = true;
            }
            cuts.add(new Cut(n.from(start), n.to(end - 1), text));
        }

        /** Keeps the first characters of folded [start, end) as written and stars the others. */
        void keepFirst(int start, int end, int kept) {
            StringBuilder sb = new StringBuilder();
            int last = -1;
            for (int i = start; i < end; i++) {
                if (n.from(i) == last) {
                    continue;
                }
                last = n.from(i);
                sb.append(i < start + kept ? original(i) : "*");
            }
            replace(start, end, sb.toString());
        }

        /**
         * Writes a number of folded [start, end) back: of its digits at the positions given, the
         * first and the last ones are kept as written and the others starred; separators stay
         * as written, invisible characters go.
         */
        void star(int start, int end, int[] digits, int keptAtEnd, int keptAtStart) {
            BitSet stars = new BitSet();
            for (int k = keptAtStart; k < digits.length - keptAtEnd; k++) {
                stars.set(digits[k]);
            }
            StringBuilder sb = new StringBuilder(end - start);
            int last = -1;
            for (int i = start; i < end; i++) {
                if (n.from(i) == last) {
                    continue;
                }
                last = n.from(i);
                sb.append(stars.get(i) ? "*" : original(i));
            }
            replace(start, end, sb.toString());
        }

        String apply() {
            if (cuts.isEmpty()) {
                return original;
            }
            cuts.sort(Comparator.comparingInt(Cut::from));
            StringBuilder sb = new StringBuilder(original.length());
            int at = 0;
            for (Cut c : cuts) {
                sb.append(original, at, c.from()).append(c.text());
                at = c.to();
            }
            return sb.append(original, at, original.length()).toString();
        }
    }
}
