package org.wenzheng.server.applications;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.wenzheng.server.http.ApiException;

/**
 * The closed lists of the application form, as the regulation and the annual report's template
 * name them. The API takes the Chinese name (自然人) or the stored id (natural); the database keeps
 * the id.
 */
final class Choices {
    private Choices() {
    }

    /** One entry of a list: its stored id and the name the form shows. */
    interface Choice {
        String id();

        String label();
    }

    /** 申请人类型. */
    enum ApplicantType implements Choice {
        NATURAL("natural", "自然人"),
        LEGAL("legal", "法人或其他组织");

        private final String id;
        private final String label;

        ApplicantType(String id, String label) {
            this.id = id;
            this.label = label;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public String label() {
            return label;
        }
    }

    /** The kinds of 法人或其他组织 the annual report counts apart (table 三, columns 商业企业 … 其他). */
    enum OrganisationType implements Choice {
        BUSINESS("business", "商业企业"),
        RESEARCH("research", "科研机构"),
        PUBLIC_INTEREST("public_interest", "社会公益组织"),
        LEGAL_SERVICE("legal_service", "法律服务机构"),
        OTHER("other", "其他");

        private final String id;
        private final String label;

        OrganisationType(String id, String label) {
            this.id = id;
            this.label = label;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public String label() {
            return label;
        }
    }

    /** 身份证明: the document the applicant identifies with. */
    enum IdType implements Choice {
        RESIDENT_ID("resident_id", "身份证"),
        PASSPORT("passport", "护照"),
        HK_MACAO_PERMIT("hk_macao_permit", "港澳居民来往内地通行证"),
        TAIWAN_PERMIT("taiwan_permit", "台湾居民来往大陆通行证"),
        OTHER("other", "其他");

        private final String id;
        private final String label;

        IdType(String id, String label) {
            this.id = id;
            this.label = label;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public String label() {
            return label;
        }
    }

    /** 信息的提供形式. */
    enum Form implements Choice {
        PAPER("paper", "纸质"),
        EMAIL("email", "电子邮件"),
        DISC("disc", "光盘"),
        OTHER("other", "其他");

        private final String id;
        private final String label;

        Form(String id, String label) {
            this.id = id;
            this.label = label;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public String label() {
            return label;
        }
    }

    /** 获取信息的方式. */
    enum Delivery implements Choice {
        POST("post", "邮寄"),
        PICKUP("pickup", "自行领取"),
        EMAIL("email", "电子邮件"),
        ONLINE("online", "网上");

        private final String id;
        private final String label;

        Delivery(String id, String label) {
            this.id = id;
            this.label = label;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public String label() {
            return label;
        }
    }

    /**
     * The entry a client named, by its Chinese name or its id.
     *
     * @throws ApiException 400 naming {@code field} and listing what it takes
     */
    static <E extends Enum<E> & Choice> E parse(Class<E> type, String given, String field, String fieldLabel) {
        if (given == null || given.isBlank()) {
            throw ApiException.invalidField(field, "请选择" + fieldLabel);
        }
        String g = given.strip();
        for (E e : type.getEnumConstants()) {
            if (e.label().equals(g) || e.id().equals(g.toLowerCase(Locale.ROOT))) {
                return e;
            }
        }
        throw ApiException.invalidField(field, fieldLabel + "须为" + Arrays.stream(type.getEnumConstants())
                .map(Choice::label).collect(Collectors.joining("、")) + "之一");
    }

    /** The entry with this stored id. */
    static <E extends Enum<E> & Choice> E ofId(Class<E> type, String id) {
        for (E e : type.getEnumConstants()) {
            if (e.id().equals(id)) {
                return e;
            }
        }
        throw new IllegalStateException("unknown " + type.getSimpleName() + " in the database: " + id);
    }
}
