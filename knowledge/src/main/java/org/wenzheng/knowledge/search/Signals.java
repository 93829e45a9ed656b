package org.wenzheng.knowledge.search;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import org.wenzheng.knowledge.semantic.PassageVectors;

/**
 * The signals of the second stage, one class each, in the order the {@link Combiner} adds them.
 * Each is built once per question from what the stages before it found (the first stage's pool,
 * the learned history's votes, the question's vector) and then read once per candidate; its
 * {@code explain} is called only when an explanation is asked for.
 */
final class Signals {
    private Signals() {
    }

    private static String format(String pattern, Object... values) {
        return String.format(Locale.ROOT, pattern, values);
    }

    /** How well the passage's text matches the question's words: its BM25 score relative to the best one. */
    static final class TextMatch implements Signal {
        private final Map<Integer, Double> bm25;
        private final double top;

        TextMatch(FirstStage.Pool pool) {
            this.bm25 = pool.scores();
            this.top = pool.top();
        }

        @Override
        public String name() {
            return "text";
        }

        @Override
        public double score(int doc) {
            return top > 0 ? bm25.getOrDefault(doc, 0.0) / top : 0;
        }

        /** Whether the first stage found the passage by its words. */
        boolean matched(int doc) {
            return bm25.containsKey(doc);
        }

        @Override
        public String explain(int doc) {
            Double s = bm25.get(doc);
            return s == null ? "文字未匹配，由其他信号带入" : format("BM25 %.3f，本次最高 %.3f", s, top);
        }
    }

    /** Whether the question names the passage's law (劳动合同法 …). */
    static final class LawMention implements Signal {
        private final IndexTables tables;
        /** The ordinals of the laws named: rarely more than one or two, so a scan beats a set. */
        private final int[] named;

        LawMention(IndexTables tables, int[] namedLaws) {
            this.tables = tables;
            this.named = namedLaws;
        }

        @Override
        public String name() {
            return "lawMention";
        }

        @Override
        public double score(int doc) {
            int law = tables.law(doc);
            for (int n : named) {
                if (n == law) {
                    return 1;
                }
            }
            return 0;
        }

        @Override
        public String explain(int doc) {
            return score(doc) > 0 ? "问题提到" + tables.lawTitle(tables.law(doc)) : "";
        }
    }

    /** The votes of similar answered questions for the articles that answered them. */
    static final class HistoryVotes implements Signal {
        private final Map<Integer, Double> votes;

        HistoryVotes(LearnedHistory.Votes votes) {
            this.votes = votes.docs();
        }

        @Override
        public String name() {
            return "history";
        }

        @Override
        public double score(int doc) {
            return votes.getOrDefault(doc, 0.0);
        }

        @Override
        public String explain(int doc) {
            return votes.containsKey(doc) ? "相似的已答问题由本条答复（各按相似度投票，几乎相同的问题另加分）" : "";
        }
    }

    /**
     * How closely the question matches the earlier questions the passage's article answered;
     * only for passages text matching missed: it brings them in, it never reorders those text
     * matching found (it cost precision at the top when it did).
     */
    static final class Expansion implements Signal {
        private final Map<Integer, Double> expanded;
        private final TextMatch text;

        Expansion(Map<Integer, Double> expanded, TextMatch text) {
            this.expanded = expanded;
            this.text = text;
        }

        @Override
        public String name() {
            return "expansion";
        }

        @Override
        public double score(int doc) {
            return text.matched(doc) ? 0 : expanded.getOrDefault(doc, 0.0);
        }

        @Override
        public String explain(int doc) {
            if (!expanded.containsKey(doc)) {
                return "";
            }
            return text.matched(doc) ? "文字已匹配，不再计入" : "与本条答过的问题相似（相对最相似者）";
        }
    }

    /** The share of the similar answered questions that the passage's law answered. */
    static final class LawVotes implements Signal {
        private final IndexTables tables;
        private final double[] votes;

        LawVotes(IndexTables tables, LearnedHistory.Votes votes) {
            this.tables = tables;
            this.votes = votes.laws();
        }

        @Override
        public String name() {
            return "lawVotes";
        }

        @Override
        public double score(int doc) {
            return votes[tables.law(doc)];
        }

        @Override
        public String explain(int doc) {
            return score(doc) > 0 ? "相似的已答问题中由" + tables.lawTitle(tables.law(doc)) + "答复的份额" : "";
        }
    }

    /** The share of the similar answered questions that the passage's chapter answered. */
    static final class ChapterVotes implements Signal {
        private final IndexTables tables;
        private final Map<Integer, Double> votes;

        ChapterVotes(IndexTables tables, LearnedHistory.Votes votes) {
            this.tables = tables;
            this.votes = votes.chapters();
        }

        @Override
        public String name() {
            return "chapterVotes";
        }

        @Override
        public double score(int doc) {
            return votes.getOrDefault(tables.chapter(doc), 0.0);
        }

        @Override
        public String explain(int doc) {
            return score(doc) > 0 ? "相似的已答问题中由本章条文答复的份额" : "";
        }
    }

    /** How often the passage's law answered questions, on a log scale where the busiest law is 1. */
    static final class LawPrior implements Signal {
        private final IndexTables tables;
        private final int[] answers;
        private final int maxAnswers;
        private final double scale;

        LawPrior(IndexTables tables, int[] answersByLaw) {
            this.tables = tables;
            this.answers = answersByLaw;
            int max = 0;
            for (int a : answersByLaw) {
                max = Math.max(max, a);
            }
            this.maxAnswers = max;
            this.scale = max == 0 ? 0 : 1.0 / Math.log1p(max);
        }

        @Override
        public String name() {
            return "lawPrior";
        }

        @Override
        public double score(int doc) {
            return Math.log1p(answers[tables.law(doc)]) * scale;
        }

        @Override
        public String explain(int doc) {
            int law = tables.law(doc);
            return maxAnswers == 0 ? "尚无已答问题" : format("%s答复过 %d 个问题，最多的法 %d 个", tables.lawTitle(law),
                    answers[law], maxAnswers);
        }
    }

    /** Whether the question names the passage's article itself (劳动合同法第三十九条): it goes above everything else. */
    static final class NamedArticle implements Signal {
        /** The passages of the articles named, sorted. */
        private final int[] named;

        NamedArticle(int[] sortedDocs) {
            this.named = sortedDocs;
        }

        @Override
        public String name() {
            return "namedArticle";
        }

        @Override
        public double score(int doc) {
            return contains(doc) ? 1 : 0;
        }

        boolean contains(int doc) {
            return named.length > 0 && Arrays.binarySearch(named, doc) >= 0;
        }

        /** The passages named, sorted. */
        int[] docs() {
            return named;
        }

        @Override
        public String explain(int doc) {
            return contains(doc) ? "问题点名了本条" : "";
        }
    }

    /**
     * How close in meaning question and passage are: their vectors' cosine above the floor below
     * which the model puts any two Chinese legal sentences.
     */
    static final class SemanticSimilarity implements Signal {
        /**
         * Cosine similarity below which question and passage count as unrelated: the model puts any
         * two Chinese legal sentences at about 0.3-0.4.
         */
        static final double FLOOR = 0.35;

        private final PassageVectors vectors;
        /** The question's vector; null when the semantic stage does not run for this ranking. */
        private final float[] question;

        SemanticSimilarity(PassageVectors vectors, float[] question) {
            this.vectors = vectors;
            this.question = question;
        }

        @Override
        public String name() {
            return "semantic";
        }

        @Override
        public double score(int doc) {
            return question == null ? 0 : Math.max(0, vectors.similarity(doc, question) - FLOOR);
        }

        @Override
        public String explain(int doc) {
            return question == null ? "语义阶段未运行（回答只排前几名，或未开启）"
                    : format("余弦相似度 %.3f，%.2f 以下不计", vectors.similarity(doc, question), FLOOR);
        }
    }

    /** The votes of the answered questions closest in meaning for the articles that answered them. */
    static final class MeaningVotes implements Signal {
        private final Map<Integer, Double> votes;

        MeaningVotes(Map<Integer, Double> votes) {
            this.votes = votes;
        }

        @Override
        public String name() {
            return "meaningVotes";
        }

        @Override
        public double score(int doc) {
            return votes.getOrDefault(doc, 0.0);
        }

        @Override
        public String explain(int doc) {
            return votes.containsKey(doc) ? "意思相近的已答问题由本条答复（按相似度四次方投票）" : "";
        }
    }
}
