package org.wenzheng.knowledge.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.wenzheng.knowledge.Document;
import org.wenzheng.knowledge.DocumentStatus;

/**
 * The documents of one or more source folders, read in parallel, with versions resolved: of the
 * documents sharing a title (and part), the newest is in force and older ones are marked
 * 已修订 unless their metadata says otherwise. Files that cannot be read are reported and skipped.
 *
 * @param documents the documents read, in a stable order
 * @param problems  one message per file that was skipped, naming it
 */
public record Corpus(List<Document> documents, List<String> problems) {

    public Corpus {
        documents = List.copyOf(documents);
        problems = List.copyOf(problems);
    }

    /** Reads every accepted file below the given folders. */
    public static Corpus read(List<Path> sources) {
        DocumentReader reader = new DocumentReader();
        List<Object[]> files = new ArrayList<>();
        for (Path root : sources) {
            if (!Files.isDirectory(root)) {
                throw new IllegalArgumentException("source folder does not exist: " + root);
            }
            try (Stream<Path> walk = Files.walk(root)) {
                walk.filter(Files::isRegularFile).filter(DocumentReader::accepts).sorted()
                        .forEach(f -> files.add(new Object[] {root, f}));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + root, e);
            }
        }
        List<DocumentReader.Loaded> loaded = Collections.synchronizedList(new ArrayList<>());
        List<String> problems = Collections.synchronizedList(new ArrayList<>());
        files.parallelStream().forEach(pair -> {
            try {
                loaded.add(reader.load((Path) pair[0], (Path) pair[1]));
            } catch (ParseException e) {
                problems.add(e.getMessage());
            } catch (RuntimeException e) {
                problems.add(pair[1] + ": unexpected error: " + e);
            }
        });
        List<DocumentReader.Loaded> sorted = new ArrayList<>(loaded);
        sorted.sort(Comparator.comparing(l -> l.document().source()));
        List<String> sortedProblems = new ArrayList<>(problems);
        Collections.sort(sortedProblems);
        return new Corpus(resolveVersions(sorted), sortedProblems);
    }

    static List<Document> resolveVersions(List<DocumentReader.Loaded> loaded) {
        Map<String, Document> newest = new HashMap<>();
        for (DocumentReader.Loaded l : loaded) {
            Document d = l.document();
            if (d.metadata().status() != null && d.metadata().status() != DocumentStatus.IN_FORCE) {
                continue;
            }
            newest.merge(l.versionKey(), d, (a, b) -> date(b).isAfter(date(a)) ? b : a);
        }
        List<Document> out = new ArrayList<>(loaded.size());
        for (DocumentReader.Loaded l : loaded) {
            Document d = l.document();
            DocumentStatus status = d.metadata().status();
            if (status == null) {
                status = newest.get(l.versionKey()) == d ? DocumentStatus.IN_FORCE : DocumentStatus.AMENDED;
                d = new Document(d.id(), d.title(), d.metadata().withStatus(status), d.source(), d.passages());
            }
            out.add(d);
        }
        return out;
    }

    private static LocalDate date(Document d) {
        return d.metadata().date() == null ? LocalDate.MIN : d.metadata().date();
    }

    /** Number of passages over all documents. */
    public int passageCount() {
        return documents.stream().mapToInt(d -> d.passages().size()).sum();
    }
}
