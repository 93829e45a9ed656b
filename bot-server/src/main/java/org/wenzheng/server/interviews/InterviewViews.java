package org.wenzheng.server.interviews;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import org.wenzheng.server.privacy.PersonalDataMasker;
import org.wenzheng.server.http.Json;

/**
 * The JSON shapes of the interview API. Citizens' text (questions, names) is masked everywhere it
 * is shown (PersonalDataMasker): nobody watching, moderating or answering needs an ID or phone
 * number, nor the asker's full name (shown as 王**: the asker recognises their question, nobody
 * else learns who asked); the database keeps it as typed for the ticket.
 */
final class InterviewViews {
    private InterviewViews() {
    }

    static String time(Instant t) {
        return t == null ? null : t.toString();
    }

    /** A guest as the public sees them: name and title. */
    record GuestView(String name, String title) {
        static GuestView of(Interview.Guest g) {
            return new GuestView(g.displayName(), g.title());
        }
    }

    /** An event as its public page shows it. */
    record InterviewView(long id, String title, String description, String startsAt, String endsAt, String status,
            List<GuestView> guests) {
        static InterviewView of(Interview i) {
            return new InterviewView(i.id(), i.title(), i.description(), time(i.startsAt()), time(i.endsAt()),
                    i.status().id(), i.guests().stream().map(GuestView::of).toList());
        }
    }

    /** A staff account as the staff pages show it. */
    record StaffView(long id, String username, String displayName) {
        static StaffView of(Interview.Staff s) {
            return s == null ? null : new StaffView(s.accountId(), s.username(), s.displayName());
        }

        static StaffView of(InterviewStore.StaffMember m) {
            return new StaffView(m.id(), m.username(), m.displayName());
        }
    }

    /** A guest as the staff pages show them: the account, and the title for this event. */
    record StaffGuestView(long id, String username, String displayName, String title) {
        static StaffGuestView of(Interview.Guest g) {
            return new StaffGuestView(g.accountId(), g.username(), g.displayName(), g.title());
        }
    }

    /** An event as the admin, moderator and guest pages show it. */
    record StaffInterviewView(long id, String title, String description, String startsAt, String endsAt,
            String status, StaffView moderator, List<StaffGuestView> guests, int asks, int lastSeq, String createdAt,
            String startedAt, String endedAt) {
        static StaffInterviewView of(Interview i) {
            return new StaffInterviewView(i.id(), i.title(), i.description(), time(i.startsAt()), time(i.endsAt()),
                    i.status().id(), StaffView.of(i.moderator()), i.guests().stream().map(StaffGuestView::of).toList(),
                    i.asks(), i.lastSeq(), time(i.createdAt()), time(i.startedAt()), time(i.endedAt()));
        }
    }

    /**
     * A published answer: {@code source} guest (with the guest's name and title as they were when
     * answering), bot (智能回答, with its citations in the ask API's shape and its confidence) or
     * officer (会后答复: the answer to the question's ticket after the event, with the answering
     * department's name and never the officer's). An officer's answer was written as a reply to a
     * ticket, not for publication: it is masked like citizens' text (a signature's mobile number, a
     * quoted ID number), as the ticket keeps it as written.
     */
    record AnswerView(String source, String text, String guestName, String guestTitle, String department,
            JsonNode citations, Double confidence, String answeredAt) {
        static AnswerView of(InterviewQuestion.Answer a) {
            if (a == null) {
                return null;
            }
            boolean officer = a.source() == InterviewQuestion.Answer.Source.OFFICER;
            return new AnswerView(a.source().id(), officer ? PersonalDataMasker.mask(a.text()) : a.text(),
                    a.guest() == null ? null : a.guest().displayName(), a.guest() == null ? null : a.guest().title(),
                    a.department(), json(a.citationsJson()), a.confidence(), time(a.createdAt()));
        }
    }

    /** One item of the public feed: an answered question, in feed order. */
    record FeedItemView(int seq, long id, String question, String askerName, int askCount, AnswerView answer) {
        static FeedItemView of(InterviewQuestion q) {
            return new FeedItemView(q.feedSeq(), q.id(), PersonalDataMasker.mask(q.question()),
                    PersonalDataMasker.maskName(q.askerName()), q.askCount(),
                    AnswerView.of(q.answer()));
        }
    }

    /**
     * The feed after a seq: the event's status (the page turns into the transcript when it is
     * ended), the newest seq (the next poll's {@code after}) and the items.
     */
    record FeedView(String status, int lastSeq, List<FeedItemView> items) {
    }

    /** A question as the moderator and guest pages show it. */
    record EntryView(long id, String question, String askerName, int askCount, String status, StaffView assignedTo,
            Integer feedSeq, AnswerView answer, String ticketCode, String createdAt, String updatedAt) {
        static EntryView of(InterviewQuestion q) {
            return new EntryView(q.id(), PersonalDataMasker.mask(q.question()),
                    PersonalDataMasker.maskName(q.askerName()), q.askCount(),
                    q.status().id(), StaffView.of(q.assignedTo()), q.feedSeq(), AnswerView.of(q.answer()),
                    q.ticketCode(), time(q.createdAt()), time(q.updatedAt()));
        }
    }

    /** The moderator's view: the event and all its entries (the page groups and sorts them). */
    record QueueView(StaffInterviewView interview, List<EntryView> entries) {
    }

    /** The guest's view: the event and the questions assigned to them. */
    record AssignedView(StaffInterviewView interview, List<EntryView> questions) {
    }

    /**
     * What a citizen hears after sending a question: {@code outcome} queued (for the moderator),
     * merged (the same question was asked: it counts once more) or bot_answered (published at once,
     * {@code item} is the feed item); for merged, {@code item} is the joined entry when answered.
     */
    record SubmittedView(String outcome, long questionId, FeedItemView item) {
    }

    /** The admin page's data: every event, and the accounts that may be guests or moderators. */
    record AdminView(List<StaffInterviewView> interviews, List<StaffView> officers, List<StaffView> moderators) {
    }

    /** The result of escalating: how many questions became tickets, and how many still wait. */
    record EscalatedView(int escalated, int waiting, boolean ticketsAvailable) {
    }

    private static JsonNode json(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            // Only the server writes this column: unreadable JSON there is a bug, not bad input.
            throw new IllegalStateException("stored citations are not valid JSON", e);
        }
    }
}
