package org.wenzheng.knowledge.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads a JSONL file of evaluation questions; an error names the file and line. */
final class JsonLines {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Reads one line's object; throws {@link IOException} with what is wrong with it. */
    interface LineReader<T> {
        T read(JsonNode line, int lineNo) throws IOException;
    }

    private JsonLines() {
    }

    /** Every non-blank line of the file, read in order. */
    static <T> List<T> read(Path file, LineReader<T> reader) throws IOException {
        List<T> out = new ArrayList<>();
        int lineNo = 0;
        for (String line : Files.readAllLines(file)) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            try {
                out.add(reader.read(JSON.readTree(line), lineNo));
            } catch (IOException e) {
                throw new IOException(file + ":" + lineNo + ": " + e.getMessage().lines().findFirst().orElse(""), e);
            }
        }
        return out;
    }
}
