package org.wenzheng.knowledge.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.analysis.Analyzer;
import org.wenzheng.knowledge.Citation;
import org.wenzheng.knowledge.Document;
import org.wenzheng.knowledge.DocumentMetadata;
import org.wenzheng.knowledge.DocumentStatus;
import org.wenzheng.knowledge.Explanation;
import org.wenzheng.knowledge.FaqEntry;
import org.wenzheng.knowledge.Passage;
import org.wenzheng.knowledge.SearchHit;

/**
 * The FAQ entries and the matching of questions against their phrasings: an in-memory index
 * finds the candidate phrasings; an entry's similarity is the bigram overlap (Dice) of the
 * closest phrasing, each bigram weighted by its IDF over the entries, and its coverage the
 * IDF-weighted share of the question's words that its phrasings and answer contain. Questions
 * and phrasings alike are read in official words (the synonym rules: 交钱 → 收费). Entries are
 * added or replaced at run time; thread-safe.
 */
final class FaqMatcher implements AutoCloseable {
    /** FAQ entries this similar to the query are listed above passages in a search. */
    static final double SEARCH_SIMILARITY = 0.3;
    /** Document ids of FAQ entries: the prefix and the entry's id, so citations can be opened. */
    static final String DOCUMENT_PREFIX = "faq:";
    /** Phrasings consulted per FAQ entry asked for. */
    private static final int PHRASINGS_PER_ENTRY = 4;

    private final QueryAnalyzer queries;
    private final QuestionIndex index;
    private final Map<String, FaqEntry> entries = new ConcurrentHashMap<>();
    /** What matching needs of every entry, rebuilt (with the statistics) at every put. */
    private volatile Prepared prepared = new Prepared(Map.of(), Map.of(), Map.of());

    FaqMatcher(QueryAnalyzer queries, Analyzer words, Analyzer bigrams) {
        this.queries = queries;
        this.index = new QuestionIndex(words, bigrams);
    }

    /**
     * An FAQ entry matching a question.
     *
     * @param similarity IDF-weighted bigram overlap (Dice) of the question with the closest phrasing
     * @param coverage   IDF-weighted share of the question's informative words that the entry
     *                   (its phrasings and answer) contains
     */
    record Match(FaqEntry entry, double similarity, double coverage) {
        /** What the entries are ordered by: close to a phrasing, and about what the question asks. */
        double score() {
            return similarity * coverage;
        }
    }

    /** An entry as matching reads it: its phrasings' bigram codes and the text its words must occur in. */
    private record Phrased(FaqEntry entry, List<int[]> phrasings, String text) {
    }

    /**
     * The entries and the inverse entry frequencies of bigrams (over the phrasings) and words
     * (over phrasings and answers): a bigram or word that most entries share (申请, 信息, 公开)
     * tells them apart less than one that few have (收费, 传真).
     */
    private record Prepared(Map<String, Phrased> entries, Map<Integer, Integer> bigramFrequency,
            Map<String, Integer> wordFrequency) {
        double bigramIdf(int code) {
            return idf(bigramFrequency.getOrDefault(code, 0));
        }

        /**
         * A word no entry has counts as much as one that a single entry has: a question asking
         * something no entry speaks of is covered little, without a small FAQ's statistics
         * (one entry: every word of it equally rare) letting one unknown word outweigh the rest.
         */
        double wordIdf(String word) {
            return idf(Math.max(1, wordFrequency.getOrDefault(word, 0)));
        }

        private double idf(int df) {
            int n = entries.size();
            return Math.log(1 + (n - df + 0.5) / (df + 0.5));
        }
    }

    /** Adds or replaces entries (by id); searchable at once. */
    synchronized void put(List<FaqEntry> added) {
        for (FaqEntry e : added) {
            entries.put(e.id(), e);
            index.put(e.id(), phrasings(e));
        }
        Map<String, Phrased> phrased = new java.util.HashMap<>();
        Map<Integer, Integer> bigramFrequency = new java.util.HashMap<>();
        Map<String, Integer> wordFrequency = new java.util.HashMap<>();
        for (FaqEntry e : entries.values()) {
            List<String> ps = phrasings(e);
            String text = String.join("，", ps) + "，" + queries.official(queries.clean(e.answer()));
            List<int[]> codes = ps.stream().map(Bigrams::codes).toList();
            phrased.put(e.id(), new Phrased(e, codes, text));
            java.util.Set<Integer> bigrams = new java.util.HashSet<>();
            codes.forEach(c -> java.util.Arrays.stream(c).forEach(bigrams::add));
            bigrams.forEach(b -> bigramFrequency.merge(b, 1, Integer::sum));
            new java.util.HashSet<>(queries.informativeWords(text)).forEach(w -> wordFrequency.merge(w, 1, Integer::sum));
        }
        prepared = new Prepared(Map.copyOf(phrased), Map.copyOf(bigramFrequency), Map.copyOf(wordFrequency));
        index.refresh();
    }

    /** An entry's question and alternatives, cleaned and in their official words. */
    private List<String> phrasings(FaqEntry e) {
        List<String> phrasings = new ArrayList<>();
        phrasings.add(e.question());
        phrasings.addAll(e.alternatives());
        return phrasings.stream().map(p -> queries.official(queries.clean(p))).toList();
    }

    int size() {
        return entries.size();
    }

    /** The best {@code limit} entries for the question, best first. */
    List<Match> matches(QueryPlan plan, int limit) {
        Prepared p = prepared;
        if (p.entries().isEmpty()) {
            return List.of();
        }
        String question = queries.official(plan.cleaned());
        QueryPlan literal = queries.literal(question);
        int[] mine = Bigrams.codes(question);
        List<String> words = queries.informativeWords(question);
        java.util.Set<String> seen = new java.util.HashSet<>();
        List<Match> out = new ArrayList<>();
        for (QuestionIndex.Match m : index.search(literal, limit * PHRASINGS_PER_ENTRY, 1.0)) {
            Phrased e = p.entries().get(m.group());
            if (e == null || !seen.add(m.group())) {
                continue;
            }
            double sim = 0;
            for (int[] phrasing : e.phrasings()) {
                sim = Math.max(sim, weightedDice(mine, phrasing, p));
            }
            out.add(new Match(e.entry(), sim, coverage(words, e.text(), p)));
        }
        out.sort(Comparator.comparingDouble(Match::score).reversed());
        return out.size() > limit ? out.subList(0, limit) : out;
    }

    /** 2·w(A∩B) / (w(A)+w(B)) of two sorted bigram code arrays, each bigram weighted by its IDF. */
    private static double weightedDice(int[] a, int[] b, Prepared p) {
        double common = 0;
        double total = 0;
        int i = 0;
        int j = 0;
        while (i < a.length || j < b.length) {
            if (j >= b.length || i < a.length && a[i] < b[j]) {
                total += p.bigramIdf(a[i++]);
            } else if (i >= a.length || b[j] < a[i]) {
                total += p.bigramIdf(b[j++]);
            } else {
                double w = p.bigramIdf(a[i]);
                common += 2 * w;
                total += 2 * w;
                i++;
                j++;
            }
        }
        return total == 0 ? 0 : common / total;
    }

    /** A single character on its own (拿, 弄, 太 or a mistyped one) counts this much of its IDF. */
    static final double SINGLE_CHAR_WEIGHT = 0.5;

    /**
     * IDF-weighted share of the words that occur in the text, 0 without words; a lone character,
     * as likely a fragment or a typo as a topic, weighs {@link #SINGLE_CHAR_WEIGHT} of its IDF.
     */
    private static double coverage(List<String> words, String text, Prepared p) {
        double covered = 0;
        double total = 0;
        for (String w : words) {
            double idf = p.wordIdf(w) * (w.codePointCount(0, w.length()) == 1 ? SINGLE_CHAR_WEIGHT : 1);
            total += idf;
            if (text.contains(w)) {
                covered += idf;
            }
        }
        return total == 0 ? 0 : covered / total;
    }

    /** A match as a hit: its question as the title, its answer (and sources) as the text. */
    SearchHit hit(Match f, List<String> highlight) {
        FaqEntry e = f.entry();
        Citation c = new Citation(DOCUMENT_PREFIX + e.id(), e.id(), title(e), "", "",
                "", e.department(), null, DocumentStatus.IN_FORCE, "");
        return new SearchHit(SearchHit.Kind.FAQ, c, text(e), Highlighter.snippet(e.answer(), highlight),
                f.similarity());
    }

    /** Why an FAQ hit stands where it does: its similarity is its score. */
    static Explanation explain(SearchHit hit) {
        return new Explanation(hit, List.of(new Explanation.Contribution("faqSimilarity", hit.score(), 1,
                hit.score(), "与最接近的问法的二元组重合度（按各条目间的稀有程度加权的 Dice）")), hit.score(),
                "常见问题：相似度不低于 " + SEARCH_SIMILARITY + " 的列在条文之前，按相似度排序");
    }

    /** The entry of an FAQ document id as a document, or empty when the id is not an entry's. */
    Optional<Document> document(String documentId) {
        FaqEntry e = entries.get(documentId.substring(DOCUMENT_PREFIX.length()));
        return Optional.ofNullable(e).map(FaqMatcher::document);
    }

    static boolean isFaqDocument(String documentId) {
        return documentId.startsWith(DOCUMENT_PREFIX);
    }

    /** An FAQ entry shown as a document: its question as the title, its answer and sources as text. */
    private static Document document(FaqEntry e) {
        return new Document(DOCUMENT_PREFIX + e.id(), title(e),
                new DocumentMetadata("", e.department(), null, "常见问题", DocumentStatus.IN_FORCE, ""), "faq",
                List.of(new Passage(e.id(), "", "", text(e), SearchHit.Kind.FAQ)));
    }

    private static String title(FaqEntry e) {
        return "常见问题：" + e.question();
    }

    /** An FAQ entry's answer followed by its sources. */
    private static String text(FaqEntry e) {
        return e.answer() + (e.sources().isEmpty() ? "" : "\n依据：" + String.join("；", e.sources()));
    }

    @Override
    public void close() throws IOException {
        index.close();
    }
}
