package org.wenzheng.server;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks citizens' personal data in text before it is logged: 身份证号 (resident identity card
 * numbers, 18 characters, the last may be X), mobile numbers (1[3-9] and nine digits, with or
 * without +86 and separators), bank card numbers (16 to 19 digits, plain or in groups of four; any
 * longer run of digits too) and e-mail addresses. Full-width digits (１３８…), common in Chinese
 * input, are recognised like ASCII ones.
 *
 * <p>What is kept is only what cannot identify a person alone: the last four characters of an
 * identity or card number, the first three and last four digits of a mobile number (the usual
 * 138****5678), the first character and the domain of an address. A false positive (a long
 * reference number masked) costs a log reader little; a miss leaks a citizen's data, so the
 * patterns lean towards masking.
 */
public final class PersonalDataMasker {
    private static final String DIGIT = "\\d";
    private static final Pattern PERSONAL_DATA = Pattern.compile(
            // Addresses first: 13812345678@139.com is an address, not a phone number.
            "(?<email>[A-Za-z0-9._%+-]+)[@＠](?<domain>[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)+)"
                    // 身份证号: 6-digit region, 8-digit birth date, 3-digit sequence, check character.
                    + "|(?<!" + DIGIT + ")(?<id>\\d{6}[ -]?\\d{8}[ -]?\\d{3}[\\dXxＸｘ])(?!" + DIGIT + ")"
                    // Bank cards: groups of four as printed on the card, or any run of 16+ digits.
                    + "|(?<!" + DIGIT + ")(?<card>\\d{4}(?:[ -]\\d{4}){3}(?:[ -]?\\d{1,3})?|\\d{16,})(?!" + DIGIT + ")"
                    // Mobile numbers, optionally with the country code, grouped 3-4-4 or not.
                    + "|(?<!" + DIGIT + ")(?<prefix>(?:[+＋]|00)?[8８][6６][ -]?)?(?<mobile>[1１][3-9３-９]\\d(?:[ -]?\\d{4}){2})(?!"
                    + DIGIT + ")",
            // \d also matches full-width digits.
            Pattern.UNICODE_CHARACTER_CLASS);

    private PersonalDataMasker() {
    }

    /** The text with every piece of personal data masked; null becomes "". */
    public static String mask(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        Matcher m = PERSONAL_DATA.matcher(text);
        if (!m.find()) {
            return text;
        }
        StringBuilder sb = new StringBuilder(text.length());
        do {
            m.appendReplacement(sb, Matcher.quoteReplacement(replacement(m)));
        } while (m.find());
        m.appendTail(sb);
        return sb.toString();
    }

    private static String replacement(Matcher m) {
        if (m.group("email") != null) {
            return m.group("email").charAt(0) + "***@" + m.group("domain");
        }
        if (m.group("id") != null) {
            return keepLast(withoutSeparators(m.group("id")), 4);
        }
        if (m.group("card") != null) {
            return keepLast(withoutSeparators(m.group("card")), 4);
        }
        String mobile = withoutSeparators(m.group("mobile"));
        String prefix = m.group("prefix") == null ? "" : m.group("prefix");
        return prefix + mobile.substring(0, 3) + "****" + mobile.substring(mobile.length() - 4);
    }

    private static String withoutSeparators(String s) {
        return s.replace(" ", "").replace("-", "");
    }

    private static String keepLast(String s, int kept) {
        return "*".repeat(s.length() - kept) + s.substring(s.length() - kept);
    }
}
