package org.wenzheng.server.replies;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.wenzheng.connectors.InboundReply;
import org.wenzheng.connectors.mail.AuthenticationResults;

/**
 * Whether the receiving mail server vouches for the sender's domain: the decision on an officer's
 * mail that its {@code Authentication-Results} (RFC 8601) make, when the office's server stamps
 * them ({@code mail.trustedAuthservId}).
 *
 * <p>Only the topmost header with the trusted authserv-id counts, the one the office's server
 * added last; any other, with another id, is what the sender or a server on the way wrote, and
 * proves nothing. It must show, for the domain of the {@code From:} address, {@code dmarc=pass}
 * (with {@code header.from} of that domain when given), or {@code dkim=pass} with
 * {@code header.d} that domain, or {@code spf=pass} with {@code smtp.mailfrom} in that domain.
 * Domains compare exactly: a signature of {@code gov.cn} does not vouch for {@code hrss.example.gov.cn}.
 */
final class MailAuthentication {
    private final String trustedAuthservId;

    /** @param trustedAuthservId the office server's authserv-id; empty: not checked */
    MailAuthentication(String trustedAuthservId) {
        this.trustedAuthservId = trustedAuthservId == null ? "" : trustedAuthservId.strip();
    }

    /** Why this mail is not vouched for; empty when it is, or when nothing is checked. */
    Optional<String> refusal(InboundReply reply) {
        if (trustedAuthservId.isEmpty()) {
            return Optional.empty();
        }
        Optional<AuthenticationResults> stamped = reply.authenticationResults().stream()
                .map(AuthenticationResults::parse).flatMap(Optional::stream)
                .filter(a -> a.authservId().equalsIgnoreCase(trustedAuthservId)).findFirst();
        if (stamped.isEmpty()) {
            return Optional.of("no Authentication-Results from " + trustedAuthservId + " (mail.trustedAuthservId): the"
                    + " mail did not come through the office's mail server");
        }
        String domain = domainOf(reply.from());
        if (domain.isEmpty()) {
            return Optional.of("the mail has no sender address to authenticate");
        }
        List<String> seen = new ArrayList<>();
        for (AuthenticationResults.Result r : stamped.get().results()) {
            if (r.result().equals("pass") && vouchesFor(r, domain)) {
                return Optional.empty();
            }
            seen.add(r.method() + "=" + r.result() + r.property(property(r.method())).map(v -> " " + property(r.method())
                    + "=" + v).orElse(""));
        }
        return Optional.of(trustedAuthservId + " does not vouch for " + domain + " (Authentication-Results: "
                + (seen.isEmpty() ? "none" : String.join("; ", seen)) + "): the From address may be forged");
    }

    private static boolean vouchesFor(AuthenticationResults.Result r, String domain) {
        return switch (r.method()) {
            case "dmarc" -> r.property("header.from").map(d -> domainOf(d).equals(domain)).orElse(true);
            case "dkim" -> r.property("header.d").map(d -> domainOf(d).equals(domain)).orElse(false);
            case "spf" -> r.property("smtp.mailfrom").map(d -> domainOf(d).equals(domain)).orElse(false);
            default -> false;
        };
    }

    /** The property that names the domain a method checked. */
    private static String property(String method) {
        return switch (method) {
            case "dkim" -> "header.d";
            case "spf" -> "smtp.mailfrom";
            default -> "header.from";
        };
    }

    /** The domain of an address or of a bare domain, lower case. */
    private static String domainOf(String addressOrDomain) {
        String s = addressOrDomain.strip().toLowerCase(Locale.ROOT);
        int at = s.lastIndexOf('@');
        return at >= 0 ? s.substring(at + 1) : s;
    }
}
