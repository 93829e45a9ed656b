package org.wenzheng.server.metrics;

import io.netty.handler.ipfilter.IpFilterRuleType;
import io.netty.handler.ipfilter.IpSubnetFilterRule;
import io.netty.util.NetUtil;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Who may read {@code /metrics} (the {@code metrics:} section): request counts, latencies and
 * heap figures help an attacker time an attack and see it work, so they are not public. A scrape
 * is admitted from one of {@code allowedAddresses} (addresses or CIDR ranges, of the connection's
 * peer), or from anywhere with {@code Authorization: Bearer <token>}.
 *
 * @param allowedAddresses IPv4 or IPv6 addresses, each optionally with a prefix length
 *                         ({@code 10.0.0.0/8}); the default is this machine only
 * @param token            the bearer token that admits a scrape from any address, if any
 */
public record MetricsConfig(List<String> allowedAddresses, Optional<String> token) {
    /** This machine only: what the load command and a local Prometheus or node agent use. */
    public static final List<String> LOOPBACK = List.of("127.0.0.0/8", "::1");
    public static final MetricsConfig DEFAULTS = new MetricsConfig(LOOPBACK, Optional.empty());
    /** A token anyone could guess would admit everyone: a random string, as openssl rand -hex 24 gives. */
    static final int MIN_TOKEN_CHARS = 24;

    public MetricsConfig {
        allowedAddresses = List.copyOf(Objects.requireNonNull(allowedAddresses, "allowedAddresses"));
        Objects.requireNonNull(token, "token");
        for (int i = 0; i < allowedAddresses.size(); i++) {
            rule(allowedAddresses.get(i), "allowedAddresses[" + i + "]");
        }
        if (token.isPresent() && token.get().strip().length() < MIN_TOKEN_CHARS) {
            throw new IllegalArgumentException("token must be at least " + MIN_TOKEN_CHARS
                    + " characters (a random string: openssl rand -hex 24)");
        }
        token = token.map(String::strip);
    }

    /** This configuration with the token given elsewhere (an environment variable). */
    public MetricsConfig withToken(String t) {
        return new MetricsConfig(allowedAddresses, Optional.of(t));
    }

    /** The rules of {@link #allowedAddresses}, checked already. */
    List<IpSubnetFilterRule> rules() {
        return allowedAddresses.stream().map(a -> rule(a, a)).toList();
    }

    private static IpSubnetFilterRule rule(String entry, String key) {
        if (entry == null || entry.isBlank()) {
            throw new IllegalArgumentException(key + " must not be empty");
        }
        String text = entry.strip();
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        boolean v4 = NetUtil.isValidIpV4Address(address);
        if (!v4 && !NetUtil.isValidIpV6Address(address)) {
            throw new IllegalArgumentException(key + " must be an IP address or a range like 10.0.0.0/8 (no host"
                    + " names), got '" + entry + "'");
        }
        int bits = v4 ? 32 : 128;
        int prefix = bits;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(text.substring(slash + 1));
            } catch (NumberFormatException e) {
                prefix = -1;
            }
            if (prefix < 0 || prefix > bits) {
                throw new IllegalArgumentException(key + " has a prefix length outside [0," + bits + "]: '" + entry
                        + "'");
            }
        }
        return new IpSubnetFilterRule(address, prefix, IpFilterRuleType.ACCEPT);
    }
}
