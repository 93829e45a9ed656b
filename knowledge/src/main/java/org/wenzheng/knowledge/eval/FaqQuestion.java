package org.wenzheng.knowledge.eval;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A question of the FAQ evaluation set, one JSON object per line:
 * {@code {"question": "申请公开政府信息要交钱吗", "answers": ["faq-fees"], "kind": "paraphrase", "split": "tune"}}.
 *
 * @param answers the ids of the FAQ entries that answer it; empty when no entry does
 * @param kind    how it was written: {@code paraphrase}, {@code traditional}, {@code fullwidth},
 *                {@code typo} (answerable), {@code near} (shares words with an entry, answered by
 *                none) or {@code off} (off-topic)
 * @param split   {@code tune} (what the FAQ matching may be tuned on) or {@code test} (held out)
 */
public record FaqQuestion(String question, List<String> answers, String kind, String split) {
    /** A question no entry answers that shares words with one: the answers to avoid most. */
    public static final String NEAR_MISS = "near";
    public static final Set<String> KINDS = Set.of("paraphrase", "traditional", "fullwidth", "typo", NEAR_MISS, "off");
    public static final Set<String> SPLITS = Set.of("tune", "test");

    public FaqQuestion {
        answers = List.copyOf(answers);
    }

    public boolean answerable() {
        return !answers.isEmpty();
    }

    /** Reads a JSONL file; an error names the file and line. */
    public static List<FaqQuestion> read(Path file) throws IOException {
        return JsonLines.read(file, (n, lineNo) -> {
            String question = n.path("question").asText("");
            JsonNode answers = n.path("answers");
            String kind = n.path("kind").asText("");
            String split = n.path("split").asText("");
            if (question.isBlank() || !answers.isArray()) {
                throw new IOException("needs a non-empty 'question' and an 'answers' list (empty when no entry answers it)");
            }
            if (!KINDS.contains(kind)) {
                throw new IOException("'kind' must be one of " + KINDS.stream().sorted().toList() + ": '" + kind + "'");
            }
            if (!SPLITS.contains(split)) {
                throw new IOException("'split' must be tune or test: '" + split + "'");
            }
            List<String> ids = new ArrayList<>();
            answers.forEach(a -> ids.add(a.asText()));
            if (ids.isEmpty() != (kind.equals(NEAR_MISS) || kind.equals("off"))) {
                throw new IOException("a '" + kind + "' question " + (ids.isEmpty() ? "needs" : "takes no") + " answers");
            }
            return new FaqQuestion(question, ids, kind, split);
        });
    }
}
