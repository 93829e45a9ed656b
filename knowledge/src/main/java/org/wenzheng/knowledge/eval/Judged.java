package org.wenzheng.knowledge.eval;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A question with the article keys that answer it, one JSON object per line:
 * {@code {"id": 0, "question": "…", "relevant": ["民法典第五十四条"]}}.
 */
public record Judged(String id, String question, List<String> relevant) {
    public Judged {
        relevant = List.copyOf(relevant);
    }

    /** Reads a JSONL file; an error names the file and line. */
    public static List<Judged> read(Path file) throws IOException {
        return JsonLines.read(file, (n, lineNo) -> {
            String question = n.path("question").asText("");
            JsonNode rel = n.path("relevant");
            if (question.isBlank() || !rel.isArray() || rel.isEmpty()) {
                throw new IOException("needs a non-empty 'question' and a non-empty 'relevant' list");
            }
            List<String> keys = new ArrayList<>();
            rel.forEach(k -> keys.add(k.asText()));
            return new Judged(n.path("id").asText(Integer.toString(lineNo)), question, keys);
        });
    }
}
