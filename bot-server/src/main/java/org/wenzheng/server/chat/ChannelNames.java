package org.wenzheng.server.chat;

import java.util.Map;

/**
 * The names people read for the channels a question or ticket comes from (the API keeps the ids
 * web, hotline, interview, api and letter): the ticket desk, its event log and the managers' reports all
 * say the same.
 */
public final class ChannelNames {
    private static final Map<String, String> NAMES = Map.of("web", "网站", "hotline", "热线电话",
            "interview", "在线访谈", "api", "接口", "letter", "来信",
            "application", "政府信息公开申请");

    private ChannelNames() {
    }

    /** The name of a channel; an id we do not know (a new integration) is shown as it is. */
    public static String of(String id) {
        return id == null ? "" : NAMES.getOrDefault(id, id);
    }
}
