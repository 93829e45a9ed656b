package org.wenzheng.server.satisfaction;

import java.util.Locale;

/** A citizen's rating of an answer (满意度评价); stored in {@code ticket_ratings.rating} by {@link #id()}. */
public enum Rating {
    /** 满意. */
    SATISFIED("satisfied", "满意"),
    /** 基本满意. */
    BASIC("basic", "基本满意"),
    /** 不满意: reopens the ticket once, then closes it as 不满意. */
    UNSATISFIED("unsatisfied", "不满意");

    private final String id;
    private final String label;

    Rating(String id, String label) {
        this.id = id;
        this.label = label;
    }

    /** The name in the database and the API. */
    public String id() {
        return id;
    }

    /** The name citizens and staff read. */
    public String label() {
        return label;
    }

    /** The rating of an id or its label; null when it is neither. */
    static Rating parse(String text) {
        if (text == null) {
            return null;
        }
        String t = text.strip().toLowerCase(Locale.ROOT);
        for (Rating r : values()) {
            if (r.id.equals(t) || r.label.equals(t)) {
                return r;
            }
        }
        return null;
    }
}
