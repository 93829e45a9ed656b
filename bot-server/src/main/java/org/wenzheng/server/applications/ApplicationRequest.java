package org.wenzheng.server.applications;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.wenzheng.connectors.mail.MailAddresses;
import org.wenzheng.server.applications.Choices.ApplicantType;
import org.wenzheng.server.applications.Choices.Delivery;
import org.wenzheng.server.applications.Choices.Form;
import org.wenzheng.server.applications.Choices.IdType;
import org.wenzheng.server.applications.Choices.OrganisationType;
import org.wenzheng.server.http.ApiException;
import org.wenzheng.server.http.InputText;
import org.wenzheng.server.http.JsonBodies;
import org.wenzheng.server.tickets.ContactPhone;

/**
 * A checked {@code POST /api/v1/applications} body (政府信息公开申请表, Art. 29 of the regulation: who
 * applies and how to reach them, what information, in what form and how to receive it; no purpose
 * is asked). Fields: {@code applicantType}, {@code organisationType} (法人或其他组织 only),
 * {@code name} (the person, or a legal person's contact), {@code idType} and {@code idNumber}
 * (required of a natural person; a 身份证's check digit is verified), {@code organisation} and
 * {@code creditCode} (法人或其他组织: required, the code's check character verified),
 * {@code address} (required for 邮寄), {@code phone}, {@code email} (required when the information
 * goes by e-mail), {@code request}, {@code docReference} (文号 or title, when known), {@code form},
 * {@code delivery} and {@code consent} (that the personal data be used to handle the application).
 * A field not in this list is refused rather than dropped.
 *
 * @param idNumber the identity document number as typed, normalised; null when none was given.
 *                 Personal data: never in a log, a mail or a page outside the handling department
 */
record ApplicationRequest(ApplicantType applicantType, OrganisationType organisationType, String name, IdType idType,
        String idNumber, String organisation, String creditCode, String address, String phone, String email,
        String request, String docReference, Form form, Delivery delivery) {
    static final Set<String> FIELDS = Set.of("applicantType", "organisationType", "name", "idType", "idNumber",
            "organisation", "creditCode", "address", "phone", "email", "request", "docReference", "form",
            "delivery", "consent");
    /** Longest identity document number of any kind (passports, permits). */
    static final int MAX_ID_CHARS = 30;
    static final int MAX_PHONE_CHARS = 32;

    ApplicationRequest {
        Objects.requireNonNull(applicantType, "applicantType");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(phone, "phone");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(form, "form");
        Objects.requireNonNull(delivery, "delivery");
    }

    /** The ID number as shown outside the handling department, or null. */
    String maskedIdNumber() {
        return idNumber == null ? null : IdNumbers.masked(idNumber);
    }

    /** The applicant as the receipt and the officer's mail name them: the person, or the organisation. */
    String applicantName() {
        return applicantType == ApplicantType.NATURAL ? name : organisation;
    }

    /**
     * The application as its ticket's question, which the officer's mail and the desk show: what is
     * requested first, then who applies and how to reach them. The identity number is masked here
     * already, whichever department handles it: a mail is no place for it.
     */
    String ticketQuestion() {
        StringBuilder b = new StringBuilder(512);
        b.append("所需政府信息：").append(request).append('\n');
        if (docReference != null) {
            b.append("文号或名称：").append(docReference).append('\n');
        }
        b.append("信息的提供形式：").append(form.label()).append("；获取方式：").append(delivery.label()).append('\n');
        b.append("申请人类型：").append(applicantType.label());
        if (organisationType != null) {
            b.append("（").append(organisationType.label()).append("）");
        }
        b.append('\n');
        if (applicantType == ApplicantType.LEGAL) {
            b.append("单位名称：").append(organisation).append("；统一社会信用代码：").append(creditCode).append('\n');
            b.append("联系人：").append(name).append('\n');
        } else {
            b.append("申请人：").append(name).append('\n');
        }
        if (idType != null) {
            b.append("身份证明：").append(idType.label()).append(' ').append(maskedIdNumber()).append('\n');
        }
        if (address != null) {
            b.append("通讯地址：").append(address).append('\n');
        }
        return b.toString().strip();
    }

    /** What the bot looks up to route the application: the information requested, within the engine's limit. */
    String lookup(ApplicationsConfig config) {
        String text = docReference == null ? request : docReference + "。" + request;
        if (text.length() <= config.maxLookupChars()) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(config.maxLookupChars() - 1)) ? config.maxLookupChars() - 1
                : config.maxLookupChars();
        return text.substring(0, end);
    }

    @Override
    public String toString() {
        // Records print every component: this one must not print the applicant's personal data.
        return "ApplicationRequest[" + applicantType.id() + ", form " + form.id() + ", delivery " + delivery.id() + "]";
    }

    /**
     * Checks a body.
     *
     * @param today the day of receipt, against which a date of birth is checked
     * @throws ApiException 400 {@code invalid_field} naming the field at fault, in words the form uses
     */
    static ApplicationRequest parse(ObjectNode body, ApplicationsConfig config, LocalDate today) {
        for (Iterator<String> names = body.fieldNames(); names.hasNext();) {
            String f = names.next();
            if (!FIELDS.contains(f)) {
                throw ApiException.invalidField(f, "申请表没有“" + (f.length() > 32 ? f.substring(0, 32) + "…" : f)
                        + "”这一项，请去掉它（可填的项目见接口说明）");
            }
        }
        int max = config.maxTextChars();
        ApplicantType type = Choices.parse(ApplicantType.class, text(body, "applicantType"), "applicantType",
                "申请人类型");
        boolean legal = type == ApplicantType.LEGAL;
        OrganisationType orgType = null;
        String organisation = null;
        String creditCode = null;
        if (legal) {
            orgType = Choices.parse(OrganisationType.class, text(body, "organisationType"), "organisationType",
                    "组织类型");
            organisation = required(body, "organisation", "法人或其他组织名称", max);
            String code = text(body, "creditCode");
            if (code.isEmpty()) {
                throw ApiException.invalidField("creditCode", "请填写统一社会信用代码（营业执照或登记证书上的 18 位代码）");
            }
            creditCode = IdNumbers.normalise(code);
            Optional<String> problem = IdNumbers.creditCodeProblem(creditCode);
            if (problem.isPresent()) {
                throw ApiException.invalidField("creditCode", problem.get());
            }
        } else {
            for (String f : new String[] {"organisationType", "organisation", "creditCode"}) {
                if (!text(body, f).isEmpty()) {
                    throw ApiException.invalidField(f, "以自然人身份申请时不填写组织信息；代表单位申请请选择“法人或其他组织”");
                }
            }
        }
        String name = required(body, "name", legal ? "联系人姓名" : "姓名", max);
        IdType idType = null;
        String idNumber = null;
        String typedId = text(body, "idNumber");
        if (!legal || !typedId.isEmpty() || !text(body, "idType").isEmpty()) {
            idType = Choices.parse(IdType.class, text(body, "idType"), "idType", "证件类型");
            if (typedId.isEmpty()) {
                throw ApiException.invalidField("idNumber", "请填写" + idType.label() + "号码");
            }
            idNumber = IdNumbers.normalise(typedId);
            if (idType == IdType.RESIDENT_ID) {
                Optional<String> problem = IdNumbers.residentIdProblem(idNumber, today);
                if (problem.isPresent()) {
                    throw ApiException.invalidField("idNumber", problem.get());
                }
            } else if (!idNumber.matches("[A-Z0-9]{4," + MAX_ID_CHARS + "}")) {
                throw ApiException.invalidField("idNumber", "证件号码只能包含字母和数字，4 至 " + MAX_ID_CHARS + " 位");
            }
        }
        String phoneTyped = text(body, "phone");
        if (phoneTyped.isEmpty()) {
            throw ApiException.invalidField("phone", "请填写联系电话，以便办理机关联系您");
        }
        String phone = (phoneTyped.length() > MAX_PHONE_CHARS ? Optional.<String>empty()
                : ContactPhone.normalize(phoneTyped)).orElseThrow(() -> ApiException.invalidField("phone",
                        "联系电话格式不正确：请填写手机号（138 1234 5678）或带区号的固定电话（010-8888 6666）"));
        Form form = Choices.parse(Form.class, text(body, "form"), "form", "信息的提供形式");
        Delivery delivery = Choices.parse(Delivery.class, text(body, "delivery"), "delivery", "获取信息的方式");
        String email = text(body, "email");
        if (email.isEmpty()) {
            if (form == Form.EMAIL || delivery == Delivery.EMAIL) {
                throw ApiException.invalidField("email", "选择以电子邮件提供或获取信息时，请填写电子邮箱");
            }
            email = null;
        } else {
            email = MailAddresses.sendable(email).filter(a -> a.length() <= MailAddresses.MAX_LENGTH)
                    .orElseThrow(() -> ApiException.invalidField("email",
                            "电子邮箱格式不正确，请填写能收到邮件的地址，例如 zhang.san@example.com"));
        }
        String address = optional(body, "address", "通讯地址", max);
        if (address == null && delivery == Delivery.POST) {
            throw ApiException.invalidField("address", "选择邮寄时，请填写通讯地址（含邮政编码）");
        }
        String request = required(body, "request", "所需政府信息的内容描述", config.maxRequestChars());
        String docReference = optional(body, "docReference", "文号或名称", max);
        JsonNode consent = body.get("consent");
        if (consent == null || !consent.isBoolean() || !consent.asBoolean()) {
            throw ApiException.invalidField("consent", "请勾选同意：您填写的个人信息仅用于办理本申请");
        }
        return new ApplicationRequest(type, orgType, name, idType, idNumber, organisation, creditCode, address, phone,
                email, request, docReference, form, delivery);
    }

    /** The text of a field, cleaned of control and invisible characters and stripped; "" when absent. */
    private static String text(ObjectNode body, String field) {
        JsonNode n = body.get(field);
        if (n != null && !n.isNull() && !n.isTextual()) {
            throw ApiException.invalidField(field, "“" + field + "”须为文字");
        }
        String t = JsonBodies.optionalText(body, field);
        return t == null ? "" : InputText.clean(t).strip();
    }

    private static String required(ObjectNode body, String field, String label, int maxChars) {
        String t = optional(body, field, label, maxChars);
        if (t == null) {
            throw ApiException.invalidField(field, "请填写" + label);
        }
        return t;
    }

    private static String optional(ObjectNode body, String field, String label, int maxChars) {
        String t = text(body, field);
        if (t.length() > maxChars) {
            throw ApiException.invalidField(field, label + "最多 " + maxChars + " 个字，现在是 " + t.length() + " 个字");
        }
        return t.isEmpty() ? null : t;
    }
}
