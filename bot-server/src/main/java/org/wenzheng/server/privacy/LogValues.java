package org.wenzheng.server.privacy;

/**
 * Values from citizens as they go into a log line: personal data masked, then quoted with
 * quotes, backslashes and control characters escaped, so that a question can neither leak a
 * phone number nor forge a log line with an embedded line break.
 */
public final class LogValues {
    private LogValues() {
    }

    /** Characters of a secret id kept in logs: enough to tell ids apart, far too few to use one. */
    static final int SECRET_PREFIX_CHARS = 6;

    /**
     * A secret id (a conversation id, which lets its holder read the conversation) as it goes into
     * a log line: its first {@value #SECRET_PREFIX_CHARS} characters and an ellipsis, so that log
     * lines of one conversation can be matched without the log becoming a key to it.
     */
    public static String secret(String id) {
        if (id == null || id.isEmpty()) {
            return "-";
        }
        return id.length() <= SECRET_PREFIX_CHARS ? "…" : id.substring(0, SECRET_PREFIX_CHARS) + "…";
    }

    /** {@code "…"}: masked and escaped; null becomes {@code ""}. */
    public static String citizenText(String s) {
        String masked = PersonalDataMasker.mask(s);
        StringBuilder sb = new StringBuilder(masked.length() + 2).append('"');
        for (int i = 0; i < masked.length(); i++) {
            char c = masked.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (Character.isISOControl(c)) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
