package org.wenzheng.server.db;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * This node's place among the nodes that share one PostgreSQL database (the {@code cluster:}
 * section of {@code config/wenzheng.yaml}; docs/deployment.md). Each value is named after its key,
 * and so are the messages that reject a bad one.
 *
 * @param nodeId      this node's name: unique among the nodes of one database (a second node
 *                    with the same id is refused at start), shown in the logs and kept in
 *                    {@code outbox.claimed_by}
 * @param leaderCheck how often a node checks that it still holds the work it leads, and a node
 *                    that leads nothing tries to take it over: a dead leader's work moves to
 *                    another node within about this
 * @param claimLease  how long a node's claim on an outbox row keeps the other nodes off it: a
 *                    row whose claimer died is delivered by another node once its lease has
 *                    passed. Longer than one delivery can take (the connectors' timeouts)
 */
public record ClusterConfig(String nodeId, Duration leaderCheck, Duration claimLease) {
    /** Seconds, as the issue asks of a takeover, at the cost of one tiny query per check. */
    public static final Duration DEFAULT_LEADER_CHECK = Duration.ofSeconds(2);
    static final Duration MIN_LEADER_CHECK = Duration.ofMillis(100);
    static final Duration MAX_LEADER_CHECK = Duration.ofMinutes(1);
    /**
     * Longer than an SMTP delivery can last with the default timeouts (10 s to connect, 60 s for
     * each reply): a slow delivery is never taken for a dead one and sent again by another node.
     */
    public static final Duration DEFAULT_CLAIM_LEASE = Duration.ofMinutes(10);
    static final Duration MIN_CLAIM_LEASE = Duration.ofSeconds(1);
    static final Duration MAX_CLAIM_LEASE = Duration.ofDays(1);
    /** outbox.claimed_by is 64 characters wide. */
    static final int MAX_NODE_ID_CHARS = 64;
    private static final Pattern NODE_ID = Pattern.compile("[A-Za-z0-9._-]+");

    public ClusterConfig {
        Objects.requireNonNull(leaderCheck, "leaderCheck");
        Objects.requireNonNull(claimLease, "claimLease");
        if (nodeId == null || nodeId.isBlank()) {
            throw new IllegalArgumentException("nodeId must not be empty");
        }
        nodeId = nodeId.strip();
        if (nodeId.length() > MAX_NODE_ID_CHARS || !NODE_ID.matcher(nodeId).matches()) {
            throw new IllegalArgumentException("nodeId must be 1 to " + MAX_NODE_ID_CHARS + " letters, digits, '.',"
                    + " '_' or '-', got '" + nodeId + "'");
        }
        if (leaderCheck.compareTo(MIN_LEADER_CHECK) < 0 || leaderCheck.compareTo(MAX_LEADER_CHECK) > 0) {
            throw new IllegalArgumentException("leaderCheckMs must be in [" + MIN_LEADER_CHECK.toMillis() + ","
                    + MAX_LEADER_CHECK.toMillis() + "], got " + leaderCheck.toMillis());
        }
        if (claimLease.compareTo(MIN_CLAIM_LEASE) < 0 || claimLease.compareTo(MAX_CLAIM_LEASE) > 0) {
            throw new IllegalArgumentException("claimLeaseSeconds must be in [" + MIN_CLAIM_LEASE.toSeconds() + ","
                    + MAX_CLAIM_LEASE.toSeconds() + "], got " + claimLease.toSeconds());
        }
    }

    /** A node with this id and the default timings. */
    public static ClusterConfig node(String nodeId) {
        return new ClusterConfig(nodeId, DEFAULT_LEADER_CHECK, DEFAULT_CLAIM_LEASE);
    }

    /**
     * Without a {@code cluster:} section: the host's name as the node id (so that nodes on
     * different machines need no configuration to tell themselves apart), the default timings.
     */
    public static ClusterConfig defaults() {
        return node(hostName());
    }

    /** The host's name as a node id, or {@code wenzheng} when it has none that fits. */
    static String hostName() {
        try {
            String h = InetAddress.getLocalHost().getHostName();
            if (h != null && h.length() <= MAX_NODE_ID_CHARS && NODE_ID.matcher(h).matches()) {
                return h;
            }
        } catch (UnknownHostException e) {
            // A machine without a resolvable name: the fixed name below.
        }
        return "wenzheng";
    }

    /** This configuration with another node id (the {@code WENZHENG_NODE_ID} variable). */
    public ClusterConfig withNodeId(String id) {
        return new ClusterConfig(id, leaderCheck, claimLease);
    }
}
