package org.wenzheng.server;

/**
 * Values from citizens as they go into a log line: personal data masked, then quoted with
 * quotes, backslashes and control characters escaped, so that a question can neither leak a
 * phone number nor forge a log line with an embedded line break.
 */
public final class LogValues {
    private LogValues() {
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
