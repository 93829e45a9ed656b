package org.wenzheng.server.interviews;

import java.util.Objects;
import java.util.function.Supplier;
import org.wenzheng.server.tickets.AnswerListener;
import org.wenzheng.server.tickets.NewTicket;
import org.wenzheng.server.tickets.TicketService;
import org.wenzheng.server.tickets.calendar.TicketType;

/**
 * Escalation over the tickets service ({@code TicketService.create}, what {@code POST
 * /api/v1/tickets} does): one consultation ticket, channel {@code interview}, per question left
 * unanswered, routed and deadlined like any other. The question as typed goes to the officer (the
 * database keeps it unmasked for this), with a line naming the event and how many asked it. No
 * contact is passed on: the interview never asks for one.
 *
 * <p>The answers officers give to these tickets (by mail, webhook or /admin) come back through
 * the ticket service's {@link AnswerListener}, inside the transaction that records each, to be
 * published in the event's transcript; tickets of other channels are not passed on.
 *
 * <p>The ticket service is looked up when a question is escalated or the answers are asked for,
 * not when this is built: the tickets feature builds it when the server installs its features,
 * before the interviews feature.
 */
public final class TicketEscalator implements Escalator {
    /** The channel of tickets made from interview questions. */
    public static final String CHANNEL = "interview";

    private final Supplier<TicketService> tickets;

    private TicketEscalator(Supplier<TicketService> tickets) {
        this.tickets = Objects.requireNonNull(tickets, "tickets");
    }

    /** @param tickets the tickets service, available by the time the first event ends */
    public static Escalator over(Supplier<TicketService> tickets) {
        return new TicketEscalator(tickets);
    }

    @Override
    public String escalate(Interview interview, InterviewQuestion question) {
        return tickets.get().create(new NewTicket(text(interview, question), CHANNEL, null,
                TicketType.CONSULTATION.dbName(), null, null, false)).code();
    }

    @Override
    public void onAnswer(Answers answers) {
        Objects.requireNonNull(answers, "answers");
        tickets.get().onAnswer((c, ticket, department, text, at) -> {
            if (CHANNEL.equals(ticket.channel())) {
                answers.publish(c, ticket.code(), department, text, at);
            }
        });
    }

    /**
     * The ticket's question: as asked, then where it was asked and by how many, and that the answer
     * will be public (the officer writes for the transcript, not for one citizen's mailbox).
     */
    static String text(Interview interview, InterviewQuestion question) {
        return question.question() + "\n\n（在线访谈“" + quotedInside(interview.title()) + "”中未及回答，"
                + question.askCount() + " 人提问。答复将以本部门名义公开在该访谈的文字实录中。）";
    }

    /**
     * A title as it reads inside “…”: quotes around the whole title dropped, quotes within it made
     * single (‘…’), as Chinese nests quotation marks (GB/T 15834). Without this a title such as
     * “育儿补贴”政策解读 doubled the quotes in the ticket and in the subject of its mail.
     */
    static String quotedInside(String title) {
        String t = title.strip();
        if (t.length() > 1 && t.startsWith("“") && t.endsWith("”") && t.indexOf('”') == t.length() - 1) {
            t = t.substring(1, t.length() - 1).strip();
        }
        return t.replace('“', '‘').replace('”', '’');
    }
}
