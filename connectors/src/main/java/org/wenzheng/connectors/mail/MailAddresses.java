package org.wenzheng.connectors.mail;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.net.IDN;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The e-mail addresses the mail connector can send to, checked where an address enters (a
 * citizen's contact), so that a mistyped one is refused while the citizen can still correct it,
 * not months later by a permanent failure in the outbox.
 *
 * <p>Accepted: {@code local@domain} with a dot-atom local part of ASCII characters (RFC 5322: no
 * leading, trailing or double dot, no quotes, no spaces) of at most 64 characters, one {@code @},
 * and a domain of at least two labels (letters, digits, inner hyphens; a top-level label not all
 * digits), at most 254 characters in all, which Jakarta Mail's strict parsing takes as it is.
 *
 * <p>Full-width forms (ｚｓ＠ｅｘａｍｐｌｅ．ｃｏｍ, as a Chinese input method types them) and the
 * ideographic full stop in the domain (qq。com) are folded, invisible characters (U+200B) dropped.
 * Internationalised domains (例子.公司, 中文.中国) are accepted and turned into their ASCII form
 * (IDN.toASCII: xn--fsqu00a.xn--55qx5d), which every mail server takes. A local part in other
 * scripts (张三@example.com) is refused: it needs SMTPUTF8 (RFC 6531), which neither our relay nor
 * many receiving servers support, so the mail would never arrive.
 */
public final class MailAddresses {
    /** The longest address (RFC 5321's path limit less the angle brackets). */
    public static final int MAX_LENGTH = 254;
    /** The longest local part (RFC 5321). */
    static final int MAX_LOCAL_LENGTH = 64;

    private static final String ATEXT = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+";
    private static final Pattern DOT_ATOM = Pattern.compile(ATEXT + "(?:\\." + ATEXT + ")*");
    private static final Pattern LABEL = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");
    private static final Pattern INVISIBLE = Pattern.compile("\\p{Cf}");
    private static final Pattern IDEOGRAPHIC_STOPS = Pattern.compile("[\u3002\uFF0E\uFF61]");

    private MailAddresses() {
    }

    /**
     * The address as the connector sends to it (the domain in lower case and ASCII), or empty
     * when it is not an address the connector can send to.
     *
     * @param typed as the citizen typed it; surrounding spaces are ignored
     */
    public static Optional<String> sendable(String typed) {
        if (typed == null) {
            return Optional.empty();
        }
        String s = INVISIBLE.matcher(Normalizer.normalize(typed, Normalizer.Form.NFKC)).replaceAll("").strip();
        int at = s.indexOf('@');
        if (at <= 0 || at != s.lastIndexOf('@') || s.length() > 4 * MAX_LENGTH) {
            return Optional.empty();
        }
        String local = s.substring(0, at);
        if (local.length() > MAX_LOCAL_LENGTH || !DOT_ATOM.matcher(local).matches()) {
            return Optional.empty();
        }
        Optional<String> domain = domain(IDEOGRAPHIC_STOPS.matcher(s.substring(at + 1)).replaceAll("."));
        if (domain.isEmpty()) {
            return Optional.empty();
        }
        String address = local + "@" + domain.get();
        if (address.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        try {
            InternetAddress parsed = new InternetAddress(address, true);
            // The connector parses recipients strictly too: what passes here is what it sends to.
            if (parsed.getPersonal() != null || !address.equals(parsed.getAddress())) {
                return Optional.empty();
            }
        } catch (AddressException e) {
            return Optional.empty();
        }
        return Optional.of(address);
    }

    private static Optional<String> domain(String typed) {
        String ascii;
        try {
            ascii = IDN.toASCII(typed, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        String[] labels = ascii.split("\\.", -1);
        if (labels.length < 2) {
            return Optional.empty();
        }
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                return Optional.empty();
            }
        }
        if (DIGITS.matcher(labels[labels.length - 1]).matches()) {
            // 1.2.3.4 is a host, not a mail domain; an address literal is written [1.2.3.4].
            return Optional.empty();
        }
        return Optional.of(ascii);
    }
}
