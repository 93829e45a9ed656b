package org.wenzheng.knowledge.index;

import org.wenzheng.knowledge.IndexProgress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;
import org.wenzheng.knowledge.ArticleKeys;
import org.wenzheng.knowledge.Document;
import org.wenzheng.knowledge.DocumentMetadata;
import org.wenzheng.knowledge.Passage;
import org.wenzheng.knowledge.analysis.Analyzers;
import org.wenzheng.knowledge.ingest.Corpus;

/**
 * Builds a passage index generation from source folders, on all cores, reporting progress, and
 * publishes it atomically. A build whose sources (paths, sizes, modification times) and analysis
 * are unchanged since the served generation is skipped.
 */
public final class PassageIndexer {
    /** Bumped whenever fields or analysis change, so that an old index is rebuilt. */
    static final int SCHEMA_VERSION = 7;
    static final String FINGERPRINT_FILE = "fingerprint";
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(1);

    /**
     * Searched text: term frequencies without positions. No query of ours matches phrases, and
     * leaving positions out makes indexing faster and the index smaller.
     */
    private static final org.apache.lucene.document.FieldType SEARCH_TEXT = searchText();

    private static org.apache.lucene.document.FieldType searchText() {
        org.apache.lucene.document.FieldType t = new org.apache.lucene.document.FieldType();
        t.setTokenized(true);
        t.setStored(false);
        t.setIndexOptions(org.apache.lucene.index.IndexOptions.DOCS_AND_FREQS);
        t.freeze();
        return t;
    }

    private final IndexLayout layout;
    private final Consumer<IndexProgress> progress;
    private final GenerationStep step;

    /** An indexer of text only, without semantic vectors. */
    public PassageIndexer(Path indexDir, Consumer<IndexProgress> progress) {
        this(indexDir, progress, null);
    }

    /**
     * An indexer whose generations also get {@code step}'s work (the passages' semantic vectors;
     * null: none) before they are served.
     */
    public PassageIndexer(Path indexDir, Consumer<IndexProgress> progress, GenerationStep step) {
        this.layout = new IndexLayout(indexDir);
        this.progress = progress;
        this.step = step;
    }

    /** The folder of the embedding cache, a sibling of the index folder. */
    public static final String EMBEDDINGS_FOLDER = "embeddings";

    /** The analyzer used for every field of the passage index. */
    public static Analyzer analyzer() {
        Analyzer words = Analyzers.words(CharArraySet.EMPTY_SET);
        Analyzer bigrams = Analyzers.bigrams();
        return new PerFieldAnalyzerWrapper(words, Map.of(
                Fields.BODY_BIGRAMS, bigrams,
                Fields.STOCK, Analyzers.stockSmartcn()));
    }

    /**
     * Indexes the sources unless the served generation already holds exactly them.
     *
     * @param force rebuild even when nothing changed
     */
    public IndexReport index(List<Path> sources, boolean force) throws IOException {
        long start = System.nanoTime();
        String fingerprint = fingerprint(sources);
        Optional<Path> current = layout.current();
        if (!force && current.isPresent()) {
            Path f = current.get().resolve(FINGERPRINT_FILE);
            if (Files.isRegularFile(f) && Files.readString(f).strip().equals(fingerprint)) {
                if (step != null && !step.doneIn(current.get())) {
                    // Semantic vectors switched on (or another model) since the build: add them.
                    step.run(current.get(), progress);
                }
                return new IndexReport(current.get(), true, -1, -1, List.of(), Duration.ofNanos(System.nanoTime() - start));
            }
        }
        Corpus corpus = Corpus.read(sources);
        Path gen = layout.newGeneration();
        long passages = write(corpus, gen, false, start);
        Files.writeString(gen.resolve(FINGERPRINT_FILE), fingerprint + "\n", StandardCharsets.UTF_8);
        if (step != null) {
            // Before publishing: a served generation is complete.
            step.run(gen, progress);
        }
        layout.publish(gen);
        return new IndexReport(gen, false, corpus.documents().size(), passages, corpus.problems(),
                Duration.ofNanos(System.nanoTime() - start));
    }

    /**
     * Writes the stock reference index (one field, title + text, SmartChineseAnalyzer) to
     * {@code dir}: the baseline the benchmarks and evaluation compare against.
     */
    public long writeStock(Corpus corpus, Path dir) throws IOException {
        return write(corpus, dir, true, System.nanoTime());
    }

    private long write(Corpus corpus, Path dir, boolean stock, long start) throws IOException {
        List<Document> docs = corpus.documents();
        AtomicInteger nextDoc = new AtomicInteger();
        AtomicInteger docsDone = new AtomicInteger();
        AtomicLong passagesDone = new AtomicLong();
        IndexWriterConfig iwc = new IndexWriterConfig(analyzer())
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE)
                .setRAMBufferSizeMB(256)
                .setUseCompoundFile(false);
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "indexer");
            t.setDaemon(true);
            return t;
        });
        try (FSDirectory directory = FSDirectory.open(dir); IndexWriter writer = new IndexWriter(directory, iwc)) {
            List<Future<?>> tasks = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                tasks.add(pool.submit(() -> {
                    for (int i; (i = nextDoc.getAndIncrement()) < docs.size(); ) {
                        Document d = docs.get(i);
                        int ord = 0;
                        List<Iterable<Field>> block = new ArrayList<>(d.passages().size());
                        for (Passage p : d.passages()) {
                            block.add(stock ? stockFields(d, p) : fields(d, p, ord++));
                        }
                        // One block per document keeps its passages in one segment: readers count
                        // documents by their ids segment by segment.
                        writer.addDocuments(block);
                        passagesDone.addAndGet(d.passages().size());
                        docsDone.incrementAndGet();
                    }
                    return null;
                }));
            }
            long lastReport = System.nanoTime();
            for (Future<?> task : tasks) {
                while (true) {
                    try {
                        task.get(100, java.util.concurrent.TimeUnit.MILLISECONDS);
                        break;
                    } catch (java.util.concurrent.TimeoutException e) {
                        if (System.nanoTime() - lastReport >= PROGRESS_EVERY.toNanos()) {
                            lastReport = System.nanoTime();
                            progress.accept(new IndexProgress(docsDone.get(), docs.size(), passagesDone.get(),
                                    Duration.ofNanos(lastReport - start)));
                        }
                    }
                }
            }
            // No forceMerge: the few segments two indexing threads leave cost the searcher little,
            // and merging them would take a quarter of the build time.
            writer.commit();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("indexing interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new IllegalStateException("indexing failed: " + cause, cause);
        } finally {
            pool.shutdownNow();
        }
        progress.accept(new IndexProgress(docsDone.get(), docs.size(), passagesDone.get(),
                Duration.ofNanos(System.nanoTime() - start)));
        return passagesDone.get();
    }

    private static Iterable<Field> fields(Document d, Passage p, int ord) {
        DocumentMetadata m = d.metadata();
        List<Field> f = new ArrayList<>(24);
        f.add(new StringField(Fields.PASSAGE_ID, p.id(), Field.Store.YES));
        f.add(new StringField(Fields.DOCUMENT_ID, d.id(), Field.Store.YES));
        f.add(new StringField(Fields.ARTICLE_KEY, ArticleKeys.of(d.title(), p.label()), Field.Store.NO));
        f.add(new StringField(Fields.LAW, ArticleKeys.titleKey(d.title()), Field.Store.NO));
        f.add(new StringField(Fields.CHAPTER_KEY, ArticleKeys.titleKey(d.title()) + "|" + p.chapter(), Field.Store.NO));
        f.add(new StringField(Fields.STATUS, m.status().name(), Field.Store.YES));
        f.add(new StoredField(Fields.ORDINAL, ord));
        f.add(new NumericDocValuesField(Fields.ORDINAL, ord));
        f.add(new StoredField(Fields.TITLE, d.title()));
        f.add(new StoredField(Fields.LABEL, p.label()));
        f.add(new StoredField(Fields.CHAPTER, p.chapter()));
        f.add(new StoredField(Fields.TEXT, p.text()));
        f.add(new StoredField(Fields.KIND, p.kind().name()));
        f.add(new StoredField(Fields.DOC_NUMBER, m.docNumber()));
        f.add(new StoredField(Fields.ISSUER, m.issuer()));
        f.add(new StoredField(Fields.DATE, m.date() == null ? "" : m.date().toString()));
        f.add(new StoredField(Fields.CATEGORY, m.category()));
        f.add(new StoredField(Fields.URL, m.url()));
        f.add(new StoredField(Fields.SOURCE, d.source()));
        String body = p.label().isEmpty() || p.kind() == org.wenzheng.knowledge.SearchHit.Kind.ARTICLE
                ? p.text() : p.label() + "\n" + p.text();
        // Only passages in force are searchable text: superseded and repealed versions stay
        // readable through document(id) but can never be matched, so queries need no status
        // filter (a filter would cost Lucene its fastest top-k scoring).
        if (m.status() == org.wenzheng.knowledge.DocumentStatus.IN_FORCE) {
            f.add(new Field(Fields.BODY_WORDS, body, SEARCH_TEXT));
            f.add(new Field(Fields.BODY_BIGRAMS, body, SEARCH_TEXT));
        }
        return f;
    }

    private static Iterable<Field> stockFields(Document d, Passage p) {
        return List.of(
                new StringField(Fields.PASSAGE_ID, p.id(), Field.Store.YES),
                new StoredField(Fields.TITLE, d.title()),
                new StoredField(Fields.LABEL, p.label()),
                new StringField(Fields.STATUS, d.metadata().status().name(), Field.Store.YES),
                new TextField(Fields.STOCK, d.title() + "\n" + p.text(), Field.Store.NO));
    }

    static String fingerprint(List<Path> sources) throws IOException {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(("schema " + SCHEMA_VERSION + "\n").getBytes(StandardCharsets.UTF_8));
            for (Path root : sources) {
                Path abs = root.toAbsolutePath().normalize();
                sha.update(("root " + abs + "\n").getBytes(StandardCharsets.UTF_8));
                if (!Files.isDirectory(abs)) {
                    continue;
                }
                try (Stream<Path> walk = Files.walk(abs)) {
                    for (Path f : walk.filter(Files::isRegularFile).sorted().toList()) {
                        BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
                        sha.update((abs.relativize(f) + "|" + a.size() + "|" + a.lastModifiedTime().toMillis() + "\n")
                                .getBytes(StandardCharsets.UTF_8));
                    }
                }
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
