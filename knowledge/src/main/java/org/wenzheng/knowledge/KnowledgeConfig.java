package org.wenzheng.knowledge;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Everything the knowledge engine needs, parsed and validated once at start.
 *
 * @param indexDir          folder holding the index generations
 * @param sources           document folders
 * @param faqFiles          FAQ YAML files
 * @param synonymsFile      colloquial→official phrases, or null for none
 * @param stopPhrasesFile   conversational stop phrases, or null for none
 * @param answerThreshold   confidence at or above which {@link KnowledgeBase#answer} answers
 * @param maxQuestionChars  longest question or query accepted
 * @param maxResults        most hits one search may ask for
 * @param ranking           ranking weights
 */
public record KnowledgeConfig(
        Path indexDir,
        List<Path> sources,
        List<Path> faqFiles,
        Path synonymsFile,
        Path stopPhrasesFile,
        double answerThreshold,
        int maxQuestionChars,
        int maxResults,
        Ranking ranking) {

    /** Default confidence threshold; see docs/retrieval.md for how it was chosen. */
    public static final double DEFAULT_ANSWER_THRESHOLD = 0.5;
    /** Default longest question: ten times a long citizen question, far below any abuse. */
    public static final int DEFAULT_MAX_QUESTION_CHARS = 500;
    /** Default most hits per search. */
    public static final int DEFAULT_MAX_RESULTS = 100;

    public KnowledgeConfig {
        Objects.requireNonNull(indexDir, "indexDir");
        sources = List.copyOf(sources);
        faqFiles = List.copyOf(faqFiles);
        Objects.requireNonNull(ranking, "ranking");
        if (!(answerThreshold >= 0 && answerThreshold <= 1)) {
            throw new IllegalArgumentException("answer threshold must be in [0,1]: " + answerThreshold);
        }
        if (maxQuestionChars < 1) {
            throw new IllegalArgumentException("max question length must be positive: " + maxQuestionChars);
        }
        if (maxResults < 1 || maxResults > 1000) {
            throw new IllegalArgumentException("max results must be in [1, 1000]: " + maxResults);
        }
    }

    /** A config with the defaults for everything but the folders and files. */
    public static KnowledgeConfig of(Path indexDir, List<Path> sources, List<Path> faqFiles,
            Path synonymsFile, Path stopPhrasesFile) {
        return new KnowledgeConfig(indexDir, sources, faqFiles, synonymsFile, stopPhrasesFile,
                DEFAULT_ANSWER_THRESHOLD, DEFAULT_MAX_QUESTION_CHARS, DEFAULT_MAX_RESULTS, Ranking.DEFAULT);
    }

    public KnowledgeConfig withRanking(Ranking r) {
        return new KnowledgeConfig(indexDir, sources, faqFiles, synonymsFile, stopPhrasesFile, answerThreshold,
                maxQuestionChars, maxResults, r);
    }

    public KnowledgeConfig withIndexDir(Path dir) {
        return new KnowledgeConfig(dir, sources, faqFiles, synonymsFile, stopPhrasesFile, answerThreshold,
                maxQuestionChars, maxResults, ranking);
    }

    public KnowledgeConfig withAnswerThreshold(double t) {
        return new KnowledgeConfig(indexDir, sources, faqFiles, synonymsFile, stopPhrasesFile, t,
                maxQuestionChars, maxResults, ranking);
    }
}
