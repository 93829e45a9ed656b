package org.wenzheng.server.hotline;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.wenzheng.knowledge.Answer;
import org.wenzheng.knowledge.Citation;

/**
 * The JSON shapes of the console API and of what the console's socket pushes. The caller's
 * number is only ever in them masked (138****5678): no view of the console needs it whole.
 */
final class CallViews {
    private CallViews() {
    }

    /** A call and its log entry; {@code source} is the integration that reported it, or "console". */
    record CallView(long id, String source, String caller, String extension, String startedAt, String endedAt,
            String question, String answerGiven, String notes, String ticketCode, String createdAt) {
        static CallView of(Call c) {
            return new CallView(c.id(), c.integration(), PhoneNumbers.mask(c.callerPhone()), c.extension(),
                    text(c.startedAt()), text(c.endedAt()), c.question(), c.answerGiven(), c.notes(), c.ticketCode(),
                    text(c.createdAt()));
        }
    }

    /** An earlier call of the same caller, as the pop-up lists it. */
    record EarlierCallView(String caller, String startedAt, String question, String answerGiven, String ticketCode) {
        static EarlierCallView of(Call c) {
            return new EarlierCallView(PhoneNumbers.mask(c.callerPhone()),
                    text(c.startedAt() == null ? c.createdAt() : c.startedAt()), c.question(), c.answerGiven(),
                    c.ticketCode());
        }
    }

    record TicketView(String code, String status, String question, String createdAt, String deadline) {
        static TicketView of(OpenTicket t) {
            return new TicketView(t.code(), t.status(), t.question(), text(t.createdAt()), text(t.deadline()));
        }
    }

    /** A call with what the operator should know about its caller: the pop-up. */
    record CallContext(CallView call, List<EarlierCallView> earlierCalls, List<TicketView> openTickets) {
    }

    /** {@code GET /api/v1/staff/calls}: the operator's calls of a day, newest first. */
    record CallsView(String date, List<CallView> calls) {
    }

    /** What the console's socket pushes: {@code call_started} with the context, {@code call_ended} with the call. */
    record Pushed(String type, Object call) {
    }

    /** What a PBX gets back from {@code POST /api/v1/calls}. */
    record ReportView(String callId, String event, boolean duplicate, String operator, int consoles) {
    }

    /** A citation of an answer, enough to show and copy it and to open its document. */
    record CitationView(String display, String title, String article, String documentId, String passageId) {
        static CitationView of(Citation c) {
            return new CitationView(c.display(), c.title(), c.article(), c.documentId(), c.passageId());
        }
    }

    /** {@code GET /api/v1/staff/answer}: the engine's answer when it is confident, else answered false. */
    record AnswerView(boolean answered, String answer, double confidence, List<CitationView> citations) {
        static AnswerView of(Answer a) {
            return a.answered()
                    ? new AnswerView(true, a.text(), a.confidence(), a.citations().stream().map(CitationView::of).toList())
                    : new AnswerView(false, "", a.confidence(), List.of());
        }
    }

    private static String text(Instant t) {
        return t == null ? null : t.toString();
    }

    private static String text(LocalDate d) {
        return d == null ? null : d.toString();
    }
}
