package org.wenzheng.knowledge;

import java.util.Locale;

/** Whether a document is in force. 有效 / 已修订 / 已废止 in the disclosure catalogue. */
public enum DocumentStatus {
    /** 有效: in force. */
    IN_FORCE("有效"),
    /** 已修订: replaced by a newer version of the same document; kept for reference. */
    AMENDED("已修订"),
    /** 已废止: repealed; never cited as in force. */
    REPEALED("已废止");

    private final String label;

    DocumentStatus(String label) {
        this.label = label;
    }

    /** The Chinese label shown to users. */
    public String label() {
        return label;
    }

    /**
     * Parses a status as written in metadata: the Chinese label or the constant name.
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static DocumentStatus parse(String text) {
        String t = text.strip();
        for (DocumentStatus s : values()) {
            if (s.label.equals(t) || s.name().equalsIgnoreCase(t.replace('-', '_'))) {
                return s;
            }
        }
        switch (t.toLowerCase(Locale.ROOT)) {
            case "现行有效", "in force", "valid", "current":
                return IN_FORCE;
            case "失效", "废止", "repealed", "invalid":
                return REPEALED;
            case "修订", "修正", "superseded", "amended":
                return AMENDED;
            default:
                throw new IllegalArgumentException(
                        "unknown status '" + text + "' (expected 有效, 已修订 or 已废止)");
        }
    }
}
