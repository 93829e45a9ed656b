package org.wenzheng.server.tickets;

import java.util.List;
import org.wenzheng.server.chat.ConversationHub;

/**
 * Pushes officers' answers to the citizens' open chats, after the transaction that recorded them
 * has committed (a push for an answer that was rolled back would tell the citizen something
 * untrue). The chat frame is
 * {@code {"type":"ticket_answer","ticket":"WZ-…","seq":7,"role":"officer","text":"…"}}; a chat not
 * open now shows the answer from its stored conversation when it resumes.
 */
public final class TicketPushes {
    /** The frame's type, as the chat page and the README's protocol section name it. */
    public static final String TYPE = "ticket_answer";

    private TicketPushes() {
    }

    /** The chat frame of one answer. */
    public record Frame(String type, String ticket, int seq, String role, String text) {
    }

    /**
     * Sends each answer to its conversation's open connections.
     *
     * @return the connections reached (0 when no chat is open)
     */
    public static int send(ConversationHub hub, List<TicketDesk.Push> pushes) {
        int sent = 0;
        for (TicketDesk.Push p : pushes) {
            sent += hub.push(p.conversationId(), new Frame(TYPE, p.ticketCode(), p.seq(), "officer", p.answer()));
        }
        return sent;
    }
}
