package org.wenzheng.connectors.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Optional;
import org.wenzheng.connectors.TicketNotice;

/**
 * A notice as the JSON another ticket system receives. Field names are written out here, not
 * derived from the record's components, so that renaming a Java field cannot change the
 * documented format ({@code docs/webhook.md}); {@link #VERSION} changes when the format does.
 * Times are ISO-8601 instants (UTC, {@code Z}), the deadline an ISO date.
 */
final class WebhookJson {
    /** The format's version, sent as {@code "version"}. */
    static final int VERSION = 1;

    private WebhookJson() {
    }

    static byte[] encode(ObjectMapper json, TicketNotice n) {
        ObjectNode root = json.createObjectNode();
        root.put("version", VERSION);
        root.put("id", n.id());
        root.put("kind", n.kind().name().toLowerCase(Locale.ROOT));
        root.put("ticket", n.ticketCode());
        ObjectNode department = root.putObject("department");
        department.put("id", n.department());
        department.put("name", n.departmentName());
        root.put("question", n.question());
        root.put("channel", n.channel());
        root.put("askedAt", n.askedAt().toString());
        root.put("deadline", n.deadline().toString());
        putOptional(root, "contact", n.contact());
        putOptional(root, "answer", n.answer());
        putOptional(root, "ticketUrl", n.ticketUrl());
        root.put("typeName", n.filing().typeName());
        putOptional(root, "mailboxName", n.filing().mailboxName());
        putOptional(root, "title", n.filing().title());
        ArrayNode conversation = root.putArray("conversation");
        for (TicketNotice.Line line : n.conversation()) {
            ObjectNode l = conversation.addObject();
            l.put("role", line.role());
            l.put("text", line.text());
            l.put("at", line.at().toString());
        }
        ArrayNode candidates = root.putArray("candidates");
        for (TicketNotice.Source s : n.candidates()) {
            ObjectNode c = candidates.addObject();
            c.put("title", s.title());
            c.put("article", s.article());
            c.put("docNumber", s.docNumber());
            c.put("issuer", s.issuer());
            c.put("date", s.date());
            c.put("snippet", s.snippet());
        }
        try {
            return json.writeValueAsBytes(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings always serialises", e);
        }
    }

    private static void putOptional(ObjectNode node, String field, Optional<String> value) {
        if (value.isPresent()) {
            node.put(field, value.get());
        } else {
            node.putNull(field);
        }
    }
}
