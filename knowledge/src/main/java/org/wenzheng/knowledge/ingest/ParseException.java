package org.wenzheng.knowledge.ingest;

/** A document that cannot be read, with the file and (where known) the line at fault. */
public final class ParseException extends Exception {
    private static final long serialVersionUID = 1L;

    public ParseException(String source, int line, String message) {
        super(source + (line > 0 ? ":" + line : "") + ": " + message);
    }

    public ParseException(String source, String message, Throwable cause) {
        super(source + ": " + message, cause);
    }
}
