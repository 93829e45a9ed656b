package org.wenzheng.knowledge.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.wenzheng.knowledge.FaqEntry;
import org.wenzheng.knowledge.KnowledgeBase;
import org.wenzheng.knowledge.KnowledgeConfig;
import org.wenzheng.knowledge.analysis.PhraseList;
import org.wenzheng.knowledge.analysis.QuestionKey;
import org.wenzheng.knowledge.IndexProgress;
import org.wenzheng.knowledge.index.IndexReport;
import org.wenzheng.knowledge.index.PassageIndexer;
import org.wenzheng.knowledge.ingest.FaqLoader;
import org.wenzheng.knowledge.search.LuceneKnowledgeBase;
import org.wenzheng.knowledge.semantic.BgeSmallZh;
import org.wenzheng.knowledge.semantic.PassageVectors;

/** Entry points: build the index of a configuration, open a {@link KnowledgeBase} over it. */
public final class KnowledgeBases {
    private KnowledgeBases() {
    }

    /**
     * Indexes the configured sources into the configured index folder, atomically; skipped when
     * nothing changed since the last build unless {@code force}.
     */
    public static IndexReport index(KnowledgeConfig config, Consumer<IndexProgress> progress, boolean force)
            throws IOException {
        return new PassageIndexer(config.indexDir(), progress, config.ranking().semantic() > 0
                ? PassageVectors.step(BgeSmallZh.shared(), config.indexDir()) : null).index(config.sources(), force);
    }

    /**
     * Opens the served index with the configured phrase files and FAQ.
     *
     * @throws IOException when a file cannot be read
     * @throws IllegalArgumentException naming the file and line of a bad phrase or FAQ entry
     * @throws IllegalStateException when no index was built yet
     */
    public static KnowledgeBase open(KnowledgeConfig config) throws IOException {
        return openLucene(config);
    }

    /** Opens the engine itself, with the extra methods evaluation and benchmarks use. */
    public static LuceneKnowledgeBase openLucene(KnowledgeConfig config) throws IOException {
        QuestionKey stop = QuestionKey.read(config.stopPhrasesFile());
        Map<String, List<String>> synonyms = config.synonymsFile() == null ? Map.of()
                : PhraseList.readSynonyms(config.synonymsFile());
        List<FaqEntry> faq = new ArrayList<>();
        for (Path f : config.faqFiles()) {
            if (!Files.isRegularFile(f)) {
                throw new IOException("FAQ file does not exist: " + f);
            }
            faq.addAll(FaqLoader.read(f));
        }
        LuceneKnowledgeBase kb = LuceneKnowledgeBase.open(config, stop, synonyms);
        if (!faq.isEmpty()) {
            kb.putFaq(faq);
        }
        return kb;
    }
}
