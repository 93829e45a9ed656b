package org.wenzheng.knowledge.semantic;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.store.FSDirectory;
import org.wenzheng.knowledge.ArticleKeys;
import org.wenzheng.knowledge.DocumentStatus;
import org.wenzheng.knowledge.index.Fields;
import org.wenzheng.knowledge.index.GenerationStep;
import org.wenzheng.knowledge.index.PassageIndexer;
import org.wenzheng.knowledge.IndexProgress;

/**
 * The semantic vectors of an index generation's passages in force, one record per Lucene document
 * id, in a file beside the index ({@value #FILE}), memory-mapped when read (no heap: 34 MB for the
 * 65,000 passages of the national laws). Passages not in force have an empty record. Written once,
 * before the generation is published, and never changed.
 */
public final class PassageVectors {
    /** The file in a generation's folder. */
    public static final String FILE = "vectors.i8";
    private static final int MAGIC = 0x575A5631; // "WZV1"
    private static final int HEADER = 16;
    private static final int BATCH = 32;

    private final ByteBuffer data;
    private final int dimensions;
    private final int recordBytes;
    private final int maxDoc;
    private final String model;

    private PassageVectors(ByteBuffer data, int dimensions, int maxDoc, String model) {
        this.data = data;
        this.dimensions = dimensions;
        this.recordBytes = Int8Vectors.recordBytes(dimensions);
        this.maxDoc = maxDoc;
        this.model = model;
    }

    /**
     * The text embedded for a passage: its law and article label give the topic that an article's
     * own words often leave implicit (第三条: "本条例所称…").
     */
    static String text(String title, String label, String body) {
        return ArticleKeys.titleKey(title) + " " + label + " " + body;
    }

    /**
     * The indexer's step that writes a generation's vectors with {@code embedder}, keeping computed
     * vectors in {@value PassageIndexer#EMBEDDINGS_FOLDER} beside the index folder so that a
     * rebuild embeds only changed passages.
     */
    public static GenerationStep step(Embedder embedder, Path indexDir) {
        Path cacheDir = indexDir.toAbsolutePath().normalize().resolveSibling(PassageIndexer.EMBEDDINGS_FOLDER);
        return new GenerationStep() {
            @Override
            public boolean doneIn(Path generation) throws IOException {
                return exists(generation, embedder);
            }

            @Override
            public void run(Path generation, Consumer<IndexProgress> progress) throws IOException {
                write(generation, embedder, cacheDir, progress);
            }
        };
    }

    /**
     * Writes the vectors of the generation in {@code gen} (a committed index), taking what it can
     * from the cache in {@code cacheDir} and embedding the rest with progress reports.
     *
     * @return how many passages had to be embedded (not found in the cache)
     */
    public static int write(Path gen, Embedder embedder, Path cacheDir, Consumer<IndexProgress> progress)
            throws IOException {
        long start = System.nanoTime();
        try (FSDirectory dir = FSDirectory.open(gen); DirectoryReader reader = DirectoryReader.open(dir);
                EmbeddingCache cache = EmbeddingCache.open(cacheDir, embedder)) {
            int maxDoc = reader.maxDoc();
            String[] texts = new String[maxDoc];
            StoredFields stored = reader.storedFields();
            List<String> missing = new ArrayList<>();
            java.util.Set<String> queued = new java.util.HashSet<>();
            int inForce = 0;
            for (int doc = 0; doc < maxDoc; doc++) {
                org.apache.lucene.document.Document d = stored.document(doc);
                if (!DocumentStatus.IN_FORCE.name().equals(d.get(Fields.STATUS))) {
                    continue;
                }
                inForce++;
                texts[doc] = text(d.get(Fields.TITLE), d.get(Fields.LABEL), d.get(Fields.TEXT));
                if (cache.get(texts[doc]) == null && queued.add(texts[doc])) {
                    missing.add(texts[doc]);
                }
            }
            int cached = inForce - missing.size();
            long lastReport = System.nanoTime();
            for (int i = 0; i < missing.size(); i += BATCH) {
                List<String> batch = missing.subList(i, Math.min(missing.size(), i + BATCH));
                cache.putAll(batch, embedder.embedAll(batch));
                long now = System.nanoTime();
                if (now - lastReport >= 1_000_000_000L) {
                    lastReport = now;
                    progress.accept(new IndexProgress(IndexProgress.Stage.SEMANTIC, cached + i + batch.size(),
                            inForce, i + batch.size(), Duration.ofNanos(now - start)));
                }
            }
            progress.accept(new IndexProgress(IndexProgress.Stage.SEMANTIC, inForce, inForce, missing.size(),
                    Duration.ofNanos(System.nanoTime() - start)));
            int rb = Int8Vectors.recordBytes(embedder.dimensions());
            if (HEADER + (long) maxDoc * rb > Integer.MAX_VALUE) {
                throw new IOException("too many passages for one vector file in " + gen + ": " + maxDoc);
            }
            ByteBuffer out = ByteBuffer.allocate(HEADER + maxDoc * rb);
            byte[] modelId = embedder.id().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            out.putInt(MAGIC).putInt(embedder.dimensions()).putInt(maxDoc).putInt(modelId.length);
            for (int doc = 0; doc < maxDoc; doc++) {
                if (texts[doc] == null) {
                    out.position(out.position() + rb);
                } else {
                    out.put(cache.get(texts[doc]));
                }
            }
            out.flip();
            Path tmp = gen.resolve(FILE + ".tmp");
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                while (out.hasRemaining()) {
                    ch.write(out);
                }
                ch.write(ByteBuffer.wrap(modelId));
                ch.force(true);
            }
            Files.move(tmp, gen.resolve(FILE), StandardCopyOption.ATOMIC_MOVE);
            return missing.size();
        }
    }

    /**
     * The vectors of the generation in {@code gen}, when they were written there by {@code embedder}'s model.
     *
     * @throws IOException when the file exists but is not a vector file of this layout
     */
    public static Optional<PassageVectors> open(Path gen, Embedder embedder, int maxDoc) throws IOException {
        Path path = gen.resolve(FILE);
        if (!Files.isRegularFile(path)) {
            return Optional.empty();
        }
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            ByteBuffer map = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size()).order(ByteOrder.BIG_ENDIAN);
            if (ch.size() < HEADER || map.getInt(0) != MAGIC) {
                throw new IOException("not a vector file: " + path);
            }
            int dims = map.getInt(4);
            int docs = map.getInt(8);
            int idBytes = map.getInt(12);
            long body = HEADER + (long) docs * Int8Vectors.recordBytes(dims);
            if (ch.size() != body + idBytes) {
                throw new IOException("truncated vector file: " + path);
            }
            byte[] id = new byte[idBytes];
            map.get((int) body, id);
            String model = new String(id, java.nio.charset.StandardCharsets.UTF_8);
            if (!model.equals(embedder.id()) || dims != embedder.dimensions() || docs != maxDoc) {
                // Another model's vectors (or another index's): unusable, the caller goes on without.
                return Optional.empty();
            }
            return Optional.of(new PassageVectors(map, dims, docs, model));
        }
    }

    /** Whether {@code gen} holds vectors of {@code embedder}'s model. */
    public static boolean exists(Path gen, Embedder embedder) throws IOException {
        Path path = gen.resolve(FILE);
        if (!Files.isRegularFile(path)) {
            return false;
        }
        try (FSDirectory dir = FSDirectory.open(gen); DirectoryReader reader = DirectoryReader.open(dir)) {
            return open(gen, embedder, reader.maxDoc()).isPresent();
        }
    }

    /** Whether the passage with this document id has a vector. */
    public boolean has(int doc) {
        return doc >= 0 && doc < maxDoc && Int8Vectors.present(data, HEADER + doc * recordBytes);
    }

    /** Cosine similarity of the passage with this document id and a unit query vector; 0 without a vector. */
    public double similarity(int doc, float[] query) {
        if (query.length != dimensions) {
            throw new IllegalArgumentException("query vector of " + query.length + " dimensions, not " + dimensions);
        }
        return has(doc) ? Int8Vectors.dot(data, HEADER + doc * recordBytes, query) : 0;
    }

    /** The model that wrote the vectors. */
    public String model() {
        return model;
    }
}
