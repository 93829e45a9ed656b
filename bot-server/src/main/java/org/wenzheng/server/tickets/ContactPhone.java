package org.wenzheng.server.tickets;

import java.text.Normalizer;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A citizen's phone number to call back, checked where it enters (a ticket's contact, the
 * number a hotline caller gives) and kept in one form, so that a number that cannot be called is
 * refused while the citizen can still correct it, and one caller's tickets are found by one value
 * (the hotline looks them up by the caller's number, digits only).
 *
 * <p>Accepted, after full-width forms are folded and separators (spaces, '-', '.', '/',
 * parentheses) removed: a mainland mobile (1[3-9] and nine digits), a landline with its area code
 * (0, two or three digits, seven or eight digits; an extension after 转, 分机, ext, x or #), a local
 * landline without area code (seven or eight digits, as callers of the same city give it), each
 * with or without +86 or 0086; or an international number (+ or 00, then 7 to 15 digits, ITU-T
 * E.164). Kept as digits (01088886666, 01088886666转123), an international one with its +.
 */
public final class ContactPhone {
    /** The fewest digits of an international number with its country code (E.164 allows up to 15). */
    static final int MIN_INTERNATIONAL_DIGITS = 7;
    static final int MAX_INTERNATIONAL_DIGITS = 15;

    private static final Pattern INVISIBLE = Pattern.compile("\\p{Cf}");
    private static final Pattern EXTENSION = Pattern.compile("(?i)^(.*?)\\s*(?:转|分机|ext\\.?|x|#)\\s*(\\d{1,6})$");
    private static final Pattern SEPARATORS = Pattern.compile("[\\s\\-./()]");
    private static final Pattern NUMBER = Pattern.compile("\\+?\\d+");
    private static final Pattern MOBILE = Pattern.compile("1[3-9]\\d{9}");
    private static final Pattern LANDLINE = Pattern.compile("0[1-9]\\d{9,10}");
    private static final Pattern LOCAL = Pattern.compile("[2-9]\\d{6,7}");

    private ContactPhone() {
    }

    /** The number as kept, or empty when it is not a number one can call back. */
    public static Optional<String> normalize(String typed) {
        if (typed == null) {
            return Optional.empty();
        }
        String s = INVISIBLE.matcher(Normalizer.normalize(typed, Normalizer.Form.NFKC)).replaceAll("").strip();
        String extension = "";
        Matcher ext = EXTENSION.matcher(s);
        if (ext.matches()) {
            s = ext.group(1);
            extension = "转" + ext.group(2);
        }
        s = SEPARATORS.matcher(s).replaceAll("");
        if (!NUMBER.matcher(s).matches()) {
            return Optional.empty();
        }
        String domestic;
        if (s.startsWith("+86") || s.startsWith("0086")) {
            domestic = s.substring(s.startsWith("+") ? 3 : 4);
            if (!domestic.startsWith("0") && !MOBILE.matcher(domestic).matches()) {
                // After the country code the trunk 0 of the area code is left out: +86 10 8888 6666.
                domestic = "0" + domestic;
            }
        } else if (s.startsWith("+") || s.startsWith("00")) {
            String digits = s.substring(s.startsWith("+") ? 1 : 2);
            boolean plausible = extension.isEmpty() && !digits.startsWith("0")
                    && digits.length() >= MIN_INTERNATIONAL_DIGITS && digits.length() <= MAX_INTERNATIONAL_DIGITS;
            return plausible ? Optional.of("+" + digits) : Optional.empty();
        } else {
            domestic = s;
        }
        if (MOBILE.matcher(domestic).matches()) {
            return extension.isEmpty() ? Optional.of(domestic) : Optional.empty();
        }
        if (LANDLINE.matcher(domestic).matches() || LOCAL.matcher(domestic).matches()) {
            return Optional.of(domestic + extension);
        }
        return Optional.empty();
    }
}
