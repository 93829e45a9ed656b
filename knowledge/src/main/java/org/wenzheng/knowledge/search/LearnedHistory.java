package org.wenzheng.knowledge.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.wenzheng.knowledge.AnsweredQuestion;
import org.wenzheng.knowledge.Ranking;
import org.wenzheng.knowledge.semantic.Embedder;

/**
 * What the engine learned from answered questions (officers' answers to tickets, the training
 * folds of an evaluation): the questions themselves, in an index of their words and as vectors;
 * per article, every question it answered (document expansion); how many questions each law
 * answered (the prior); and the official words that went with the questions' words (term
 * associations). The signals of the second stage read it through {@link #votes},
 * {@link #meaningVotes} and {@link #expansion}. Learning takes effect at once; thread-safe.
 */
final class LearnedHistory implements AutoCloseable {
    /** Similar answered questions consulted per question. */
    static final int HISTORY_NEIGHBOURS = 20;
    /** Bigram overlap (Dice) from which an earlier question counts as the same question. */
    static final double NEAR_DUPLICATE = 0.85;
    /** Score added to the articles that answered a near-duplicate question. */
    static final double NEAR_DUPLICATE_BONUS = 1.0;
    /** Articles consulted from the expansion index. */
    static final int EXPANSION_DEPTH = 50;
    /** Answered questions closest in meaning that vote for their articles. */
    static final int SEMANTIC_NEIGHBOURS = 10;
    /** Learned official words rarer than this (in passages) are added; common ones add noise. */
    static final double MIN_ASSOCIATION_IDF = 3.0;

    private final Ranking ranking;
    private final IndexTables tables;
    private final QueryAnalyzer queries;
    private final StoredPassages passages;
    private final FirstStage statistics;
    /** The model that reads questions for their vectors; null when the semantic stage is off. */
    private final Embedder embedder;

    private final QuestionIndex learnedIndex;
    /** One entry per article key: every answered question it answered, for document expansion. */
    private final QuestionIndex expansionIndex;
    private final Map<String, List<String>> questionsByKey = new HashMap<>();
    private final TermAssociations associations = new TermAssociations();
    /** The answered questions learned, by their group number in {@link #learnedIndex}. */
    private final List<Learned> learned = new ArrayList<>();
    /** How many answered questions each law answered, by law ordinal. */
    private volatile int[] lawAnswers;
    /**
     * The vectors of the answered questions, in learning order (vector i is {@code learned.get(i)}'s);
     * replaced whole by each learn, after {@code learned} has grown.
     */
    private volatile float[][] learnedVectors = new float[0][];

    LearnedHistory(Ranking ranking, IndexTables tables, QueryAnalyzer queries, StoredPassages passages,
            FirstStage statistics, Embedder embedder, Analyzer words, Analyzer bigrams) {
        this.ranking = ranking;
        this.tables = tables;
        this.queries = queries;
        this.passages = passages;
        this.statistics = statistics;
        this.embedder = embedder;
        this.learnedIndex = new QuestionIndex(words, bigrams);
        this.expansionIndex = new QuestionIndex(words, bigrams);
        this.lawAnswers = new int[tables.laws()];
    }

    /**
     * A learned question as the history stage uses it, worked out once when it is learned rather
     * than at every question it is a neighbour of: its bigram codes (for the similarity), the
     * passages of its articles (each article's, in the order of its keys), and the distinct laws
     * and chapters of those articles.
     */
    record Learned(int[] bigrams, int[] docs, int[] laws, int[] chapters) {
    }

    /**
     * The votes of the similar answered questions.
     *
     * @param docs     passage → the summed similarity of the questions its article answered
     * @param laws     by law ordinal: the share of the similarity of the questions the law answered
     * @param chapters chapter ordinal → the same share for the chapter
     */
    record Votes(Map<Integer, Double> docs, double[] laws, Map<Integer, Double> chapters) {
    }

    synchronized void learn(List<AnsweredQuestion> answered) {
        int[] counts = Arrays.copyOf(lawAnswers, lawAnswers.length);
        Set<String> touchedKeys = new HashSet<>();
        List<String> cleanedTexts = new ArrayList<>(answered.size());
        for (AnsweredQuestion a : answered) {
            String group = Integer.toString(learned.size());
            String cleaned = queries.clean(a.question());
            cleanedTexts.add(cleaned);
            learned.add(learned(cleaned, a));
            if (ranking.associations() > 0) {
                Set<String> answerWords = new HashSet<>();
                for (String key : a.articleKeys()) {
                    int[] docs = tables.docs(key);
                    if (docs.length > 0) {
                        answerWords.addAll(queries.words(passages.contextText(docs[0])));
                    }
                }
                associations.add(queries.words(cleaned), answerWords);
            }
            learnedIndex.put(group, List.of(cleaned));
            Set<Integer> laws = new HashSet<>();
            for (String key : a.articleKeys()) {
                questionsByKey.computeIfAbsent(key, k -> new ArrayList<>()).add(cleaned);
                touchedKeys.add(key);
                int[] docs = tables.docs(key);
                if (docs.length > 0) {
                    laws.add(tables.law(docs[0]));
                }
            }
            laws.forEach(l -> counts[l]++);
        }
        if (embedder != null) {
            float[][] before = learnedVectors;
            float[][] all = Arrays.copyOf(before, before.length + answered.size());
            List<float[]> added = embedder.embedAll(cleanedTexts);
            for (int i = 0; i < added.size(); i++) {
                all[before.length + i] = added.get(i);
            }
            learnedVectors = all;
        }
        // One expansion entry per article, rewritten once per batch rather than once per question.
        for (String key : touchedKeys) {
            expansionIndex.put(key, List.of(String.join("\n", questionsByKey.get(key))));
        }
        associations.prepare(statistics::idf, MIN_ASSOCIATION_IDF);
        learnedIndex.refresh();
        expansionIndex.refresh();
        lawAnswers = counts;
    }

    private Learned learned(String cleaned, AnsweredQuestion a) {
        List<Integer> docs = new ArrayList<>();
        Set<Integer> laws = new LinkedHashSet<>();
        Set<Integer> chapters = new LinkedHashSet<>();
        for (String key : a.articleKeys()) {
            int[] keyDocs = tables.docs(key);
            if (keyDocs.length > 0) {
                for (int d : keyDocs) {
                    docs.add(d);
                }
                laws.add(tables.law(keyDocs[0]));
                chapters.add(tables.chapter(keyDocs[0]));
            }
        }
        return new Learned(Bigrams.codes(cleaned), docs.stream().mapToInt(Integer::intValue).toArray(),
                laws.stream().mapToInt(Integer::intValue).toArray(),
                chapters.stream().mapToInt(Integer::intValue).toArray());
    }

    /** Answered questions learned so far. */
    synchronized int size() {
        return learned.size();
    }

    private synchronized Learned get(int i) {
        return learned.get(i);
    }

    /** How many answered questions each law answered, by law ordinal. */
    int[] lawAnswers() {
        return lawAnswers;
    }

    /** Official words learned to go with the question's words, weighted in (0,1]. */
    Map<String, Double> associatedWords(Set<String> questionWords) {
        return associations.expand(questionWords);
    }

    /**
     * The votes of the answered questions similar in words. Each similar answered question votes
     * for its articles with its similarity to this one; the votes of several similar questions for
     * one article add up (measured better than the best single vote: +0.01 R@10, +0.01 MRR@10).
     */
    Votes votes(QueryPlan plan) {
        double[] lawVotes = new double[tables.laws()];
        Map<Integer, Double> chapterVotes = new HashMap<>();
        if (ranking.history() <= 0 && ranking.lawVotes() <= 0) {
            return new Votes(Map.of(), lawVotes, chapterVotes);
        }
        List<QuestionIndex.Match> matches = learnedIndex.search(plan, HISTORY_NEIGHBOURS, 1.0);
        if (matches.isEmpty()) {
            return new Votes(Map.of(), lawVotes, chapterVotes);
        }
        int[] mine = Bigrams.codes(plan.cleaned());
        Map<Integer, Double> votes = new HashMap<>();
        double total = 0;
        for (QuestionIndex.Match m : matches) {
            Learned a = get(Integer.parseInt(m.group()));
            double sim = Bigrams.dice(mine, a.bigrams());
            // A question asked (almost) word for word before is answered the way it was then.
            double vote = sim >= NEAR_DUPLICATE ? sim + NEAR_DUPLICATE_BONUS / Math.max(ranking.history(), 1e-9) : sim;
            for (int d : a.docs()) {
                votes.merge(d, vote, Double::sum);
            }
            for (int law : a.laws()) {
                lawVotes[law] += sim;
            }
            for (int chapter : a.chapters()) {
                chapterVotes.merge(chapter, sim, Double::sum);
            }
            total += sim;
        }
        if (total > 0) {
            for (int i = 0; i < lawVotes.length; i++) {
                lawVotes[i] /= total;
            }
            double t = total;
            chapterVotes.replaceAll((k, v) -> v / t);
        }
        return new Votes(votes, lawVotes, chapterVotes);
    }

    /**
     * Votes of the answered questions closest in meaning (not in words: 工资 and 薪水 ask the same)
     * for the articles that answered them, each weighted by its similarity to the fourth power so
     * that only close questions count.
     */
    Map<Integer, Double> meaningVotes(float[] question) {
        float[][] known = learnedVectors;
        int n = known.length;
        if (n == 0) {
            return Map.of();
        }
        // The k closest by insertion into a short sorted list: one pass, no sorting of all n.
        int k = Math.min(SEMANTIC_NEIGHBOURS, n);
        int[] best = new int[k];
        double[] bestSim = new double[k];
        int found = 0;
        for (int i = 0; i < n; i++) {
            float[] v = known[i];
            double dot = 0;
            for (int j = 0; j < v.length; j++) {
                dot += v[j] * question[j];
            }
            if (found == k && dot <= bestSim[k - 1]) {
                continue;
            }
            int at = found < k ? found++ : k - 1;
            while (at > 0 && bestSim[at - 1] < dot) {
                best[at] = best[at - 1];
                bestSim[at] = bestSim[at - 1];
                at--;
            }
            best[at] = i;
            bestSim[at] = dot;
        }
        Map<Integer, Double> votes = new HashMap<>();
        for (int r = 0; r < found; r++) {
            Learned a = get(best[r]);
            double vote = Math.pow(Math.max(0, bestSim[r]), 4);
            for (int d : a.docs()) {
                votes.merge(d, vote, Double::sum);
            }
        }
        return votes;
    }

    /** Articles whose earlier questions match this one, scored relative to the best match. */
    Map<Integer, Double> expansion(QueryPlan plan) {
        List<QuestionIndex.Match> matches = expansionIndex.search(plan, EXPANSION_DEPTH, 1.0);
        if (matches.isEmpty()) {
            return Map.of();
        }
        double top = matches.get(0).score();
        Map<Integer, Double> out = new HashMap<>();
        for (QuestionIndex.Match m : matches) {
            for (int d : tables.docs(m.group())) {
                out.merge(d, m.score() / top, Math::max);
            }
        }
        return out;
    }

    @Override
    public void close() throws IOException {
        learnedIndex.close();
        expansionIndex.close();
    }
}
