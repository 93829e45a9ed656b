package org.wenzheng.connectors.mail;

import java.security.SecureRandom;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The per-notice reply addresses of Wenzheng's mailbox: {@code hotline+<token>@wenzheng.local},
 * the mailbox's own address with a subaddress (RFC 5233 "plus addressing"), which the mail server
 * delivers to the mailbox itself. The token is 128 random bits in lower-case base32 (26 letters
 * and digits 2–7): unguessable, and unharmed by servers that fold the case of addresses. A reply
 * to it shows that its writer has seen the notice it answers; a forged {@code From:} alone does
 * not.
 */
public final class ReplyAddresses {
    /** 128 bits, 5 bits a character. */
    public static final int TOKEN_CHARS = 26;
    private static final int TOKEN_BYTES = 16;
    private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    private static final Pattern TOKEN = Pattern.compile("[a-z2-7]{" + TOKEN_CHARS + "}");

    private final String local;
    private final String domain;

    /** @param mailbox Wenzheng's own address, e.g. {@code hotline@wenzheng.local} */
    public ReplyAddresses(String mailbox) {
        Objects.requireNonNull(mailbox, "mailbox");
        int at = mailbox.lastIndexOf('@');
        if (at < 1 || at == mailbox.length() - 1) {
            throw new IllegalArgumentException("the reply mailbox must be an address, got '" + mailbox + "'");
        }
        String l = mailbox.substring(0, at).toLowerCase(Locale.ROOT);
        if (l.contains("+")) {
            throw new IllegalArgumentException("the reply mailbox " + mailbox + " already has a +subaddress;"
                    + " give the mailbox's plain address");
        }
        this.local = l;
        this.domain = mailbox.substring(at + 1).toLowerCase(Locale.ROOT);
    }

    /** A new token: {@link #TOKEN_CHARS} characters from 128 random bits. */
    public static String newToken(SecureRandom random) {
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        StringBuilder b = new StringBuilder(TOKEN_CHARS);
        int buffer = 0;
        int bits = 0;
        for (byte x : bytes) {
            buffer = (buffer << 8) | (x & 0xff);
            bits += 8;
            while (bits >= 5) {
                b.append(BASE32[(buffer >>> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0) {
            b.append(BASE32[(buffer << (5 - bits)) & 31]);
        }
        return b.toString();
    }

    /** The reply address carrying this token. */
    public String address(String token) {
        if (!TOKEN.matcher(token).matches()) {
            throw new IllegalArgumentException("not a reply token: '" + token + "'");
        }
        return local + "+" + token + "@" + domain;
    }

    /** The tokens of the addresses among these that are this mailbox's reply addresses, each once. */
    public List<String> tokensIn(Collection<String> addresses) {
        LinkedHashSet<String> tokens = new LinkedHashSet<>();
        String prefix = local + "+";
        for (String a : addresses) {
            String address = a.strip().toLowerCase(Locale.ROOT);
            int at = address.lastIndexOf('@');
            if (at < 0 || !address.substring(at + 1).equals(domain) || !address.startsWith(prefix)) {
                continue;
            }
            String tag = address.substring(prefix.length(), at);
            if (TOKEN.matcher(tag).matches()) {
                tokens.add(tag);
            }
        }
        return List.copyOf(tokens);
    }
}
