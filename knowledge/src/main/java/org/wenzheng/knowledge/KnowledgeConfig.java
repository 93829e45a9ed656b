package org.wenzheng.knowledge;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Everything the knowledge engine needs, parsed and validated once at start, built by name:
 * {@code KnowledgeConfig.builder(indexDir).sources(docs).stopPhrasesFile(stop).build()}, or
 * changed from another with {@link #toBuilder()}. Each setter of the {@link Builder} rejects a bad
 * value at once, with a message naming the setting (as in {@code config/wenzheng.yaml}).
 */
public final class KnowledgeConfig {
    /** Default confidence threshold; see docs/retrieval.md for how it was chosen. */
    public static final double DEFAULT_ANSWER_THRESHOLD = 0.5;
    /** Default longest question: ten times a long citizen question, far below any abuse. */
    public static final int DEFAULT_MAX_QUESTION_CHARS = 500;
    /** Default most hits per search. */
    public static final int DEFAULT_MAX_RESULTS = 100;
    /** The most hits a search may ever be configured to return. */
    public static final int MAX_RESULTS_LIMIT = 1000;

    private final Path indexDir;
    private final List<Path> sources;
    private final List<Path> faqFiles;
    private final Path synonymsFile;
    private final Path stopPhrasesFile;
    private final double answerThreshold;
    private final int maxQuestionChars;
    private final int maxResults;
    private final Ranking ranking;

    private KnowledgeConfig(Builder b) {
        this.indexDir = b.indexDir;
        this.sources = b.sources;
        this.faqFiles = b.faqFiles;
        this.synonymsFile = b.synonymsFile;
        this.stopPhrasesFile = b.stopPhrasesFile;
        this.answerThreshold = b.answerThreshold;
        this.maxQuestionChars = b.maxQuestionChars;
        this.maxResults = b.maxResults;
        this.ranking = b.ranking;
    }

    /** A builder for an index in {@code indexDir}, with no sources and files and the defaults for the rest. */
    public static Builder builder(Path indexDir) {
        return new Builder(indexDir);
    }

    /** A builder holding this configuration's values. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** A config with the defaults for everything but the folders and files (null: no such file). */
    public static KnowledgeConfig of(Path indexDir, List<Path> sources, List<Path> faqFiles,
            Path synonymsFile, Path stopPhrasesFile) {
        return builder(indexDir).sources(sources).faqFiles(faqFiles).synonymsFile(synonymsFile)
                .stopPhrasesFile(stopPhrasesFile).build();
    }

    /** Folder holding the index generations. */
    public Path indexDir() {
        return indexDir;
    }

    /** Document folders. */
    public List<Path> sources() {
        return sources;
    }

    /** FAQ YAML files. */
    public List<Path> faqFiles() {
        return faqFiles;
    }

    /** Colloquial→official phrases, or null for none. */
    public Path synonymsFile() {
        return synonymsFile;
    }

    /** Conversational stop phrases, or null for none. */
    public Path stopPhrasesFile() {
        return stopPhrasesFile;
    }

    /** Confidence at or above which {@link KnowledgeBase#answer} answers. */
    public double answerThreshold() {
        return answerThreshold;
    }

    /** Longest question or query accepted. */
    public int maxQuestionChars() {
        return maxQuestionChars;
    }

    /** Most hits one search may ask for. */
    public int maxResults() {
        return maxResults;
    }

    /** Ranking weights. */
    public Ranking ranking() {
        return ranking;
    }

    public KnowledgeConfig withRanking(Ranking r) {
        return toBuilder().ranking(r).build();
    }

    public KnowledgeConfig withIndexDir(Path dir) {
        return toBuilder().indexDir(dir).build();
    }

    public KnowledgeConfig withAnswerThreshold(double t) {
        return toBuilder().answerThreshold(t).build();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KnowledgeConfig c && indexDir.equals(c.indexDir) && sources.equals(c.sources)
                && faqFiles.equals(c.faqFiles) && Objects.equals(synonymsFile, c.synonymsFile)
                && Objects.equals(stopPhrasesFile, c.stopPhrasesFile)
                && Double.compare(answerThreshold, c.answerThreshold) == 0
                && maxQuestionChars == c.maxQuestionChars && maxResults == c.maxResults && ranking.equals(c.ranking);
    }

    @Override
    public int hashCode() {
        return Objects.hash(indexDir, sources, faqFiles, synonymsFile, stopPhrasesFile, answerThreshold,
                maxQuestionChars, maxResults, ranking);
    }

    @Override
    public String toString() {
        return "KnowledgeConfig[indexDir=" + indexDir + ", sources=" + sources + ", faqFiles=" + faqFiles
                + ", synonymsFile=" + synonymsFile + ", stopPhrasesFile=" + stopPhrasesFile + ", answerThreshold="
                + answerThreshold + ", maxQuestionChars=" + maxQuestionChars + ", maxResults=" + maxResults
                + ", ranking=" + ranking + "]";
    }

    /** Sets the parts by name; each setter names the value it rejects. */
    public static final class Builder {
        private Path indexDir;
        private List<Path> sources = List.of();
        private List<Path> faqFiles = List.of();
        private Path synonymsFile;
        private Path stopPhrasesFile;
        private double answerThreshold = DEFAULT_ANSWER_THRESHOLD;
        private int maxQuestionChars = DEFAULT_MAX_QUESTION_CHARS;
        private int maxResults = DEFAULT_MAX_RESULTS;
        private Ranking ranking = Ranking.DEFAULT;

        private Builder(Path indexDir) {
            indexDir(indexDir);
        }

        private Builder(KnowledgeConfig c) {
            indexDir = c.indexDir;
            sources = c.sources;
            faqFiles = c.faqFiles;
            synonymsFile = c.synonymsFile;
            stopPhrasesFile = c.stopPhrasesFile;
            answerThreshold = c.answerThreshold;
            maxQuestionChars = c.maxQuestionChars;
            maxResults = c.maxResults;
            ranking = c.ranking;
        }

        /** @see KnowledgeConfig#indexDir() */
        public Builder indexDir(Path dir) {
            indexDir = Objects.requireNonNull(dir, "indexDir must not be null");
            return this;
        }

        /** @see KnowledgeConfig#sources() */
        public Builder sources(List<Path> folders) {
            sources = copy("sources", folders);
            return this;
        }

        /** @see KnowledgeConfig#faqFiles() */
        public Builder faqFiles(List<Path> files) {
            faqFiles = copy("faq", files);
            return this;
        }

        /** @see KnowledgeConfig#synonymsFile() ; null for none */
        public Builder synonymsFile(Path file) {
            synonymsFile = file;
            return this;
        }

        /** @see KnowledgeConfig#stopPhrasesFile() ; null for none */
        public Builder stopPhrasesFile(Path file) {
            stopPhrasesFile = file;
            return this;
        }

        /** @see KnowledgeConfig#answerThreshold() */
        public Builder answerThreshold(double confidence) {
            if (!(confidence >= 0 && confidence <= 1)) {
                throw new IllegalArgumentException("answerThreshold must be in [0, 1]: " + confidence);
            }
            answerThreshold = confidence;
            return this;
        }

        /** @see KnowledgeConfig#maxQuestionChars() */
        public Builder maxQuestionChars(int chars) {
            if (chars < 1) {
                throw new IllegalArgumentException("maxQuestionChars must be positive: " + chars);
            }
            maxQuestionChars = chars;
            return this;
        }

        /** @see KnowledgeConfig#maxResults() */
        public Builder maxResults(int hits) {
            if (hits < 1 || hits > MAX_RESULTS_LIMIT) {
                throw new IllegalArgumentException("maxResults must be in [1, " + MAX_RESULTS_LIMIT + "]: " + hits);
            }
            maxResults = hits;
            return this;
        }

        /** @see KnowledgeConfig#ranking() */
        public Builder ranking(Ranking weights) {
            ranking = Objects.requireNonNull(weights, "ranking must not be null");
            return this;
        }

        public KnowledgeConfig build() {
            return new KnowledgeConfig(this);
        }

        private static List<Path> copy(String name, List<Path> paths) {
            Objects.requireNonNull(paths, name + " must not be null (an empty list for none)");
            for (Path p : paths) {
                Objects.requireNonNull(p, name + " must not hold null");
            }
            return List.copyOf(paths);
        }
    }
}
