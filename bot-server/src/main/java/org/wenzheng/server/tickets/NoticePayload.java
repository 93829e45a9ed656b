package org.wenzheng.server.tickets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.wenzheng.connectors.TicketNotice;
import org.wenzheng.server.http.Json;

/**
 * The one place where a {@link TicketNotice} becomes the outbox row's {@code payload} and back.
 * Written by hand rather than with Jackson's record binding so that the stored format does not
 * change when a record component is renamed: rows written by one version are read by the next.
 * Instants are ISO-8601 UTC text, dates {@code yyyy-MM-dd}, an empty optional is {@code null}.
 *
 * <p>Format (every key always present):
 * <pre>{@code
 * {"id","kind":"ESCALATION|REMINDER|OVERDUE|ANSWER","ticketCode","department","departmentName",
 *  "recipients":[…],"question","channel","askedAt","conversation":[{"role","text","at"}],
 *  "candidates":[{"title","article","docNumber","issuer","date","snippet"}],"deadline",
 *  "contact","answer","threadId","ticketUrl","typeName","mailboxName","title"}
 * }</pre>
 * The last three came with letters; a row written before reads as a consultation that is not a letter.
 */
public final class NoticePayload {
    private NoticePayload() {
    }

    /** The notice as the outbox payload. */
    public static String write(TicketNotice n) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("id", n.id());
        o.put("kind", n.kind().name());
        o.put("ticketCode", n.ticketCode());
        o.put("department", n.department());
        o.put("departmentName", n.departmentName());
        ArrayNode recipients = o.putArray("recipients");
        n.recipients().forEach(recipients::add);
        o.put("question", n.question());
        o.put("channel", n.channel());
        o.put("askedAt", n.askedAt().toString());
        ArrayNode lines = o.putArray("conversation");
        for (TicketNotice.Line l : n.conversation()) {
            lines.addObject().put("role", l.role()).put("text", l.text()).put("at", l.at().toString());
        }
        ArrayNode sources = o.putArray("candidates");
        for (TicketNotice.Source s : n.candidates()) {
            sources.addObject().put("title", s.title()).put("article", s.article()).put("docNumber", s.docNumber())
                    .put("issuer", s.issuer()).put("date", s.date()).put("snippet", s.snippet());
        }
        o.put("deadline", n.deadline().toString());
        o.put("contact", n.contact().orElse(null));
        o.put("answer", n.answer().orElse(null));
        o.put("threadId", n.threadId().orElse(null));
        o.put("ticketUrl", n.ticketUrl().orElse(null));
        o.put("typeName", n.filing().typeName());
        o.put("mailboxName", n.filing().mailboxName().orElse(null));
        o.put("title", n.filing().title().orElse(null));
        ArrayNode files = o.putArray("attachments");
        for (TicketNotice.Attachment a : n.filing().attachments()) {
            files.addObject().put("name", a.name()).put("bytes", a.bytes());
        }
        return Json.text(o);
    }

    /**
     * A payload read back.
     *
     * @throws IllegalArgumentException when it is not a notice written by {@link #write} (a
     *                                  corrupted row: the relay marks it failed, it does not retry)
     */
    public static TicketNotice read(String payload) {
        JsonNode o;
        try {
            o = Json.MAPPER.readTree(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the notice payload is not JSON: " + e.getOriginalMessage(), e);
        }
        if (o == null || !o.isObject()) {
            throw new IllegalArgumentException("the notice payload is not a JSON object");
        }
        try {
            List<String> recipients = new ArrayList<>();
            for (JsonNode r : array(o, "recipients")) {
                recipients.add(r.asText());
            }
            List<TicketNotice.Line> lines = new ArrayList<>();
            for (JsonNode l : array(o, "conversation")) {
                lines.add(new TicketNotice.Line(text(l, "role"), text(l, "text"), Instant.parse(text(l, "at"))));
            }
            List<TicketNotice.Source> sources = new ArrayList<>();
            for (JsonNode s : array(o, "candidates")) {
                sources.add(new TicketNotice.Source(text(s, "title"), text(s, "article"), text(s, "docNumber"),
                        text(s, "issuer"), text(s, "date"), text(s, "snippet")));
            }
            return new TicketNotice(text(o, "id"), TicketNotice.Kind.valueOf(text(o, "kind")), text(o, "ticketCode"),
                    text(o, "department"), text(o, "departmentName"), recipients, text(o, "question"),
                    text(o, "channel"), Instant.parse(text(o, "askedAt")), lines, sources,
                    LocalDate.parse(text(o, "deadline")), optional(o, "contact"), optional(o, "answer"),
                    optional(o, "threadId"), optional(o, "ticketUrl"), new TicketNotice.Filing(
                            optional(o, "typeName").orElse(TicketNotice.Filing.CONSULTATION.typeName()),
                            optional(o, "mailboxName"), optional(o, "title"), attachments(o)));
        } catch (DateTimeParseException | NullPointerException e) {
            throw new IllegalArgumentException("the notice payload is incomplete or malformed: " + e.getMessage(), e);
        }
    }

    /** The attachments listed; none in a payload written before notices listed them. */
    private static List<TicketNotice.Attachment> attachments(JsonNode o) {
        List<TicketNotice.Attachment> out = new ArrayList<>();
        JsonNode files = o.get("attachments");
        if (files != null && files.isArray()) {
            for (JsonNode a : files) {
                out.add(new TicketNotice.Attachment(text(a, "name"), a.path("bytes").asLong()));
            }
        }
        return out;
    }

    private static String text(JsonNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException("the notice payload has no text field " + field);
        }
        return v.textValue();
    }

    private static Optional<String> optional(JsonNode o, String field) {
        JsonNode v = o.get(field);
        return v == null || v.isNull() ? Optional.empty() : Optional.of(v.asText());
    }

    private static Iterable<JsonNode> array(JsonNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || !v.isArray()) {
            throw new IllegalArgumentException("the notice payload has no array " + field);
        }
        return v;
    }
}
