package org.wenzheng.server.tickets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import org.wenzheng.connectors.mail.MailAddresses;
import org.wenzheng.server.http.ApiException;
import org.wenzheng.server.http.JsonBodies;

/**
 * The {@code contact} object a citizen sends with a ticket or a letter ({@code {email, phone,
 * consent}}), checked the one way both are: an address that can receive mail, a phone number
 * {@link ContactPhone} understands, and consent whenever either is given.
 */
public final class ContactForm {
    private ContactForm() {
    }

    /**
     * The contact as given: null fields when absent or blank; consent true only when a contact was
     * given with it.
     */
    public record Given(String email, String phone, boolean consent) {
        public static final Given NONE = new Given(null, null, false);
    }

    /**
     * Checks a {@code contact} node (null or JSON null: none given).
     *
     * @throws ApiException 400 naming {@code contact.email}, {@code contact.phone} or {@code contact.consent}
     */
    public static Given parse(JsonNode contact, TicketsConfig config) {
        if (contact == null || contact.isNull()) {
            return Given.NONE;
        }
        if (!(contact instanceof ObjectNode c)) {
            throw ApiException.invalidField("contact", "联系方式格式不正确：须为包含电子邮箱、手机号的对象");
        }
        String email = blankToNull(JsonBodies.optionalText(c, "email"));
        String phone = blankToNull(JsonBodies.optionalText(c, "phone"));
        JsonNode agreed = c.get("consent");
        if (agreed != null && !agreed.isNull() && !agreed.isBoolean()) {
            throw ApiException.invalidField("contact.consent", "“同意保存联系方式”须为是或否（true / false）");
        }
        boolean consent = agreed != null && agreed.asBoolean(false);
        if (email != null) {
            email = MailAddresses.sendable(email).filter(a -> a.length() <= config.maxEmailChars())
                    .orElseThrow(() -> ApiException.invalidField("contact.email",
                            "电子邮箱格式不正确，请填写能收到邮件的地址，例如 zhang.san@example.com，最多 "
                                    + config.maxEmailChars() + " 个字符"));
        }
        if (phone != null) {
            phone = (phone.length() > config.maxPhoneChars() ? Optional.<String>empty()
                    : ContactPhone.normalize(phone)).orElseThrow(() -> ApiException.invalidField("contact.phone",
                            "手机号格式不正确：请填写手机号（138 1234 5678）、带区号的固定电话"
                                    + "（010-8888 6666，分机号写在“转”之后）或以 + 开头的国际号码，最多 "
                                    + config.maxPhoneChars() + " 个字符"));
        }
        if ((email != null || phone != null) && !consent) {
            throw ApiException.invalidField("contact.consent", "留下电子邮箱或手机号需要勾选同意保存联系方式");
        }
        return new Given(email, phone, consent && (email != null || phone != null));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
