package org.wenzheng.app.cli;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * Bytes written as UTF-8 forwarded to a writer line by line, for library code that prints to a
 * {@link java.io.PrintStream} while the command writes to its picocli writer. Splitting at
 * {@code '\n'} is safe: that byte never occurs inside a multi-byte UTF-8 character.
 */
final class LineForwardingStream extends OutputStream {
    private final PrintWriter target;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);

    LineForwardingStream(PrintWriter target) {
        this.target = target;
    }

    @Override
    public void write(int b) {
        line.write(b);
        if (b == '\n') {
            flush();
        }
    }

    @Override
    public void flush() {
        if (line.size() > 0) {
            target.write(line.toString(StandardCharsets.UTF_8));
            line.reset();
        }
        target.flush();
    }

    @Override
    public void close() {
        flush();
    }
}
