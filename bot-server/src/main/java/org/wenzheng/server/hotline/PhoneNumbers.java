package org.wenzheng.server.hotline;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Callers' numbers as the hotline stores and shows them. Stored: digits only, without the
 * country prefix (+86, 0086) a PBX may put before a mainland number, so that one caller's calls
 * and tickets are found by one value. Shown: masked, the first three and last four digits kept
 * (138****5678), as {@link org.wenzheng.server.privacy.PersonalDataMasker} masks mobiles in logs. Log
 * lines about calls use {@link #mask} too: it masks landlines and short numbers as well, which
 * the masker's patterns (made for free text) may not recognise.
 */
final class PhoneNumbers {
    /** Longest number kept: ITU-T E.164 allows 15 digits, extensions of a switchboard a few more. */
    static final int MAX_DIGITS = 20;
    /** Shortest: the short service numbers (110, 12345) still identify a caller line. */
    static final int MIN_DIGITS = 3;

    private static final Pattern SEPARATORS = Pattern.compile("[\\s()\\-]");
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");

    private PhoneNumbers() {
    }

    /**
     * The number as stored, or empty when the text is not a phone number.
     *
     * @param text as the PBX sent it: 13812345678, +86 138-1234-5678, 0086 13812345678, 010 12345678
     */
    static Optional<String> normalize(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String s = SEPARATORS.matcher(text.strip()).replaceAll("");
        if (s.startsWith("+86")) {
            s = s.substring(3);
        } else if (s.startsWith("0086")) {
            s = s.substring(4);
        } else if (s.startsWith("+")) {
            s = s.substring(1);
        }
        if (!DIGITS.matcher(s).matches() || s.length() < MIN_DIGITS || s.length() > MAX_DIGITS) {
            return Optional.empty();
        }
        return Optional.of(s);
    }

    /** The number as shown: 138****5678; short numbers keep only their last two digits; null shows as "". */
    static String mask(String digits) {
        if (digits == null || digits.isEmpty()) {
            return "";
        }
        if (digits.length() >= 8) {
            return digits.substring(0, 3) + "****" + digits.substring(digits.length() - 4);
        }
        return "*".repeat(Math.max(0, digits.length() - 2)) + digits.substring(Math.max(0, digits.length() - 2));
    }
}
