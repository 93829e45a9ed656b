package org.wenzheng.knowledge.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.wenzheng.knowledge.FaqEntry;

/**
 * Reads FAQ files: a YAML list of entries with {@code id}, {@code question}, {@code answer}
 * (required) and {@code alternatives}, {@code sources}, {@code department} (optional). Errors
 * name the file, the entry and the field.
 */
public final class FaqLoader {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> KEYS = Set.of("id", "question", "alternatives", "answer", "sources", "department");

    private FaqLoader() {
    }

    public static List<FaqEntry> read(Path file) throws IOException {
        JsonNode root;
        try {
            root = YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException(file + ": invalid YAML: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return List.of();
        }
        if (!root.isArray()) {
            throw new IOException(file + ": expected a list of FAQ entries");
        }
        List<FaqEntry> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        int n = 0;
        for (JsonNode e : root) {
            n++;
            String where = file + ": entry " + n;
            if (!e.isObject()) {
                throw new IOException(where + ": expected a mapping with id, question and answer");
            }
            for (Iterator<String> it = e.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (!KEYS.contains(k)) {
                    throw new IOException(where + ": unknown field '" + k + "' (expected one of "
                            + String.join(", ", KEYS.stream().sorted().toList()) + ")");
                }
            }
            String id = required(e, "id", where);
            if (!ids.add(id)) {
                throw new IOException(where + ": duplicate id '" + id + "'");
            }
            out.add(new FaqEntry(id, required(e, "question", where + " (" + id + ")"),
                    list(e, "alternatives", where), required(e, "answer", where + " (" + id + ")"),
                    list(e, "sources", where), e.path("department").asText("")));
        }
        return out;
    }

    private static String required(JsonNode e, String field, String where) throws IOException {
        JsonNode v = e.get(field);
        if (v == null || v.isNull() || !v.isValueNode() || v.asText().isBlank()) {
            throw new IOException(where + ": field '" + field + "' is required and must be text");
        }
        return v.asText().strip();
    }

    private static List<String> list(JsonNode e, String field, String where) throws IOException {
        JsonNode v = e.get(field);
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (!v.isArray()) {
            throw new IOException(where + ": field '" + field + "' must be a list");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode x : v) {
            if (!x.asText().isBlank()) {
                out.add(x.asText().strip());
            }
        }
        return out;
    }
}
