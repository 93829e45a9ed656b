package org.wenzheng.server.letters;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.wenzheng.connectors.TicketNotice;
import org.wenzheng.server.http.ApiException;
import org.wenzheng.server.http.InputText;
import org.wenzheng.server.http.JsonBodies;
import org.wenzheng.server.tickets.ContactForm;
import org.wenzheng.server.tickets.Mailbox;
import org.wenzheng.server.tickets.NewTicket;
import org.wenzheng.server.tickets.TicketsConfig;
import org.wenzheng.server.tickets.calendar.TicketType;

/**
 * A checked {@code POST /api/v1/letters} body: {@code mailbox} (a mailbox's id), {@code type}
 * (consultation, suggestion, complaint, help or tipoff, or their Chinese names; default
 * consultation), {@code title}, {@code content}, {@code name} (optional unless the type needs it),
 * {@code contact} ({@code {email, phone, consent}}, as for tickets) and {@code publish} (whether the
 * writer agrees that the answered letter be published, with personal data removed).
 */
record LetterRequest(Mailbox mailbox, TicketType type, String title, String content, String name,
        ContactForm.Given contact, boolean publish) {
    static final String CHANNEL = "letter";
    /** The letter types as the form names them: 咨询（consultation）、建议（suggestion）…. */
    static final String UNKNOWN_TYPE = "来信类型无效：须为" + Arrays.stream(TicketType.values())
            .filter(TicketType::letterType).map(t -> t.label() + "（" + t.dbName() + "）")
            .collect(Collectors.joining("、"));

    LetterRequest {
        Objects.requireNonNull(mailbox, "mailbox");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(contact, "contact");
    }

    /**
     * Checks a body.
     *
     * @throws ApiException 400 naming the field at fault, in words the form uses
     */
    static LetterRequest parse(ObjectNode body, LettersConfig config, TicketsConfig tickets) {
        String mailboxId = JsonBodies.optionalText(body, "mailbox");
        if (mailboxId == null || mailboxId.isBlank()) {
            throw ApiException.invalidField("mailbox", "请选择写信的信箱");
        }
        Mailbox mailbox = tickets.mailbox(mailboxId.strip())
                .orElseThrow(() -> ApiException.invalidField("mailbox", "没有这个信箱：" + shown(mailboxId)));
        TicketType type = type(JsonBodies.optionalText(body, "type"));
        String title = required(body, "title", "标题", config.maxTitleChars());
        String content = required(body, "content", "来信内容", config.maxContentChars());
        String name = InputText.clean(nullToEmpty(JsonBodies.optionalText(body, "name"))).strip();
        if (name.length() > config.maxNameChars()) {
            throw ApiException.invalidField("name", InputText.tooLong("姓名", config.maxNameChars(), name.length()));
        }
        if (name.isEmpty() && config.nameRequiredFor().contains(type)) {
            throw ApiException.invalidField("name", type.label() + "类来信请填写姓名，以便承办部门联系您核实情况");
        }
        ContactForm.Given contact = ContactForm.parse(body.get("contact"), tickets);
        JsonNode p = body.get("publish");
        if (p != null && !p.isNull() && !p.isBoolean()) {
            throw ApiException.invalidField("publish", "“同意公开”须为是或否（true / false）");
        }
        boolean publish = p != null && p.asBoolean(false);
        if (publish && type.confidential()) {
            throw ApiException.invalidField("publish", type.label() + "类来信一律不公开，请不要勾选“同意公开”");
        }
        if (publish && !mailbox.publish()) {
            throw ApiException.invalidField("publish", mailbox.name() + "的来信不公开，请不要勾选“同意公开”");
        }
        return new LetterRequest(mailbox, type, title, content, name.isEmpty() ? null : name, contact, publish);
    }

    /** The ticket it becomes; the bot looks up the title and the start of the content. */
    NewTicket ticket(LettersConfig config) {
        return ticket(config, List.of());
    }

    /** The ticket it becomes, with the files sent with it listed. */
    NewTicket ticket(LettersConfig config, List<TicketNotice.Attachment> attachments) {
        return new NewTicket(content, CHANNEL, null, type.dbName(), contact.email(), contact.phone(), contact.consent(),
                new NewTicket.Letter(mailbox, title, clip(title + "。" + content, config.maxLookupChars()),
                        attachments));
    }

    private static TicketType type(String given) {
        if (given == null || given.isBlank()) {
            return TicketType.CONSULTATION;
        }
        TicketType t;
        try {
            t = TicketType.of(given);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField("type", UNKNOWN_TYPE);
        }
        if (!t.letterType()) {
            throw ApiException.invalidField("type", "依申请公开不是信件类型：申请获取政府信息请提交政府信息公开申请");
        }
        return t;
    }

    private static String required(ObjectNode body, String field, String label, int maxChars) {
        String text = InputText.clean(nullToEmpty(JsonBodies.optionalText(body, field))).strip();
        if (text.isEmpty()) {
            throw ApiException.invalidField(field, InputText.required(label));
        }
        if (text.length() > maxChars) {
            throw ApiException.invalidField(field, InputText.tooLong(label, maxChars, text.length()));
        }
        return text;
    }

    /** At most {@code max} UTF-16 units, never cutting a character in two. */
    static String clip(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.substring(0, end);
    }

    private static String shown(String id) {
        return id.length() > 32 ? id.substring(0, 32) + "…" : id;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
