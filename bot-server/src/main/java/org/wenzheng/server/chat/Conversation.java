package org.wenzheng.server.chat;

import java.time.Instant;
import java.util.Objects;

/**
 * A citizen's conversation with Wenzheng (one chat, one call, one interview question thread).
 *
 * @param id        its unguessable id: whoever knows it may read the conversation
 * @param channel   where it started: web, hotline, interview or api
 * @param createdAt when it started
 */
public record Conversation(String id, String channel, Instant createdAt) {
    public Conversation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
