package org.wenzheng.server.tickets;

import java.util.Objects;

/**
 * A question to escalate, checked by the caller.
 *
 * @param question the question, as asked
 * @param channel  web, hotline, interview or api
 * @param session  the conversation it came from, or null
 * @param type     {@code consultation} or {@code disclosure}
 * @param email    the citizen's address, or null; kept only with consent
 * @param phone    the citizen's phone, or null; kept only with consent
 * @param consent  whether the citizen agreed that the contact is kept and used to answer
 */
public record NewTicket(String question, String channel, String session, String type, String email, String phone,
        boolean consent) {
    public NewTicket {
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(channel, "channel");
        org.wenzheng.server.tickets.calendar.TicketType.of(type);
        if ((email != null || phone != null) && !consent) {
            throw new IllegalArgumentException("contact details are kept only with consent");
        }
    }
}
