package org.wenzheng.knowledge.search;

import java.util.ArrayList;
import java.util.List;
import org.wenzheng.knowledge.Explanation;
import org.wenzheng.knowledge.Ranking;

/**
 * Adds the weighted signals of one question into a candidate's score: the only place the
 * ranking's weights are applied. The score is {@code Σ weight × raw} over the signals in a fixed
 * order, so an explanation (the same products, added in the same order) sums exactly to it.
 *
 * <p>The weights are {@link Ranking}'s, except the text match's (1: its words and bigrams are
 * weighted inside the first-stage query by {@code wordBody} and {@code bigramBody}), a named
 * article's ({@link #NAMED_ARTICLE_BOOST}) and the meaning votes' ({@link #MEANING_VOTE_WEIGHT}).
 * Below the first page of a deep ranking, candidates are ordered by a {@link #tail} score with
 * other weights for the text and the meaning votes ({@link DeepOrder}).
 */
final class Combiner {
    /** The text match's weight: the first-stage scores relative to the best, as they are. */
    static final double TEXT_WEIGHT = 1;
    /** Puts an article named in the question (劳动合同法第三十九条) above everything else. */
    static final double NAMED_ARTICLE_BOOST = 10;
    /** Weight of the votes of questions close in meaning, relative to the semantic weight's scale of the passage similarity. */
    static final double MEANING_VOTE_WEIGHT = 0.3;

    private final Signals.TextMatch text;
    private final Signals.LawMention lawMention;
    private final Signals.HistoryVotes history;
    private final Signals.Expansion expansion;
    private final Signals.LawVotes lawVotes;
    private final Signals.ChapterVotes chapterVotes;
    private final Signals.LawPrior lawPrior;
    private final Signals.NamedArticle namedArticle;
    private final Signals.SemanticSimilarity semantic;
    private final Signals.MeaningVotes meaningVotes;
    private final Ranking ranking;
    private final boolean tailByMeaning;

    /**
     * @param tailByMeaning whether the tail score weighs meaning over words (a deep ranking with
     *                      the semantic stage and {@link Ranking#tailByMeaning()})
     */
    Combiner(Ranking ranking, Signals.TextMatch text, Signals.LawMention lawMention, Signals.HistoryVotes history,
            Signals.Expansion expansion, Signals.LawVotes lawVotes, Signals.ChapterVotes chapterVotes,
            Signals.LawPrior lawPrior, Signals.NamedArticle namedArticle, Signals.SemanticSimilarity semantic,
            Signals.MeaningVotes meaningVotes, boolean tailByMeaning) {
        this.ranking = ranking;
        this.text = text;
        this.lawMention = lawMention;
        this.history = history;
        this.expansion = expansion;
        this.lawVotes = lawVotes;
        this.chapterVotes = chapterVotes;
        this.lawPrior = lawPrior;
        this.namedArticle = namedArticle;
        this.semantic = semantic;
        this.meaningVotes = meaningVotes;
        this.tailByMeaning = tailByMeaning;
    }

    /** One passage scored: each signal read once, weighed and added in order. */
    Candidate candidate(int doc) {
        double b = text.score(doc);
        boolean named = namedArticle.contains(doc);
        double mv = meaningVotes.score(doc);
        double s = TEXT_WEIGHT * b
                + ranking.lawMention() * lawMention.score(doc)
                + ranking.history() * history.score(doc)
                + ranking.expansion() * expansion.score(doc)
                + ranking.lawVotes() * lawVotes.score(doc)
                + ranking.chapterVotes() * chapterVotes.score(doc)
                + ranking.lawPrior() * lawPrior.score(doc)
                + NAMED_ARTICLE_BOOST * (named ? 1 : 0)
                + ranking.semantic() * semantic.score(doc)
                + MEANING_VOTE_WEIGHT * mv;
        return new Candidate(doc, b, named, s, tailByMeaning ? tail(s, b, mv) : s);
    }

    /**
     * The tail score of a deep ranking with the semantic stage: the score with the text match
     * weighed {@link DeepOrder#TAIL_WORDS} instead of 1 and the meaning votes
     * {@link DeepOrder#TAIL_MEANING_VOTES} instead of {@link #MEANING_VOTE_WEIGHT}.
     */
    static double tail(double score, double text, double meaningVotes) {
        return score - (TEXT_WEIGHT - DeepOrder.TAIL_WORDS) * text
                + (DeepOrder.TAIL_MEANING_VOTES - MEANING_VOTE_WEIGHT) * meaningVotes;
    }

    /** The passages the question names, sorted: candidates whatever the first stage found. */
    int[] namedDocs() {
        return namedArticle.docs();
    }

    /** Whether the tail score below the first page weighs meaning over words. */
    boolean tailByMeaning() {
        return tailByMeaning;
    }

    /**
     * Every signal's part in a passage's score, in the order {@link #candidate} adds them; their
     * contributions sum exactly to the candidate's score.
     */
    List<Explanation.Contribution> explain(int doc) {
        List<Explanation.Contribution> out = new ArrayList<>(10);
        add(out, text, TEXT_WEIGHT, doc);
        add(out, lawMention, ranking.lawMention(), doc);
        add(out, history, ranking.history(), doc);
        add(out, expansion, ranking.expansion(), doc);
        add(out, lawVotes, ranking.lawVotes(), doc);
        add(out, chapterVotes, ranking.chapterVotes(), doc);
        add(out, lawPrior, ranking.lawPrior(), doc);
        add(out, namedArticle, NAMED_ARTICLE_BOOST, doc);
        add(out, semantic, ranking.semantic(), doc);
        add(out, meaningVotes, MEANING_VOTE_WEIGHT, doc);
        return out;
    }

    /** The raw value of the meaning votes for a passage, for the tail score's explanation. */
    double meaningVotes(int doc) {
        return meaningVotes.score(doc);
    }

    private static void add(List<Explanation.Contribution> out, Signal signal, double weight, int doc) {
        double raw = signal.score(doc);
        out.add(new Explanation.Contribution(signal.name(), raw, weight, weight * raw, signal.explain(doc)));
    }
}
