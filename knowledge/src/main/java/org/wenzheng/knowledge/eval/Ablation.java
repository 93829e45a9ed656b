package org.wenzheng.knowledge.eval;

import java.util.ArrayList;
import java.util.List;
import org.wenzheng.knowledge.Ranking;

/**
 * The ranking pipeline built up one step at a time, each step adding one component of the full
 * ranking with its configured weight: what {@code wenzheng eval --ablation} measures to show
 * what each step adds.
 */
public final class Ablation {
    private Ablation() {
    }

    /** One cumulative step: its name and the ranking with every component up to it switched on. */
    public record Step(String name, Ranking ranking) {
    }

    /** The steps from plain words to {@code full}, in the order the components were added. */
    public static List<Step> steps(Ranking full) {
        List<Step> out = new ArrayList<>();
        Ranking r = new Ranking(full.wordBody(), 0, false, 0, 0, 0, 0, 0, 0, 0, 0, full.depth(), full.k1(), full.b());
        out.add(new Step("smartcn words, width/script folding, in-force only", r));
        r = with(r, full.bigramBody(), r.stopPhrases(), r.synonyms(), r.lawMention(), r.history(), r.lawPrior(),
                r.lawVotes(), r.chapterVotes(), r.expansion(), r.associations());
        out.add(new Step("+ character bigrams", r));
        r = with(r, r.bigramBody(), full.stopPhrases(), r.synonyms(), r.lawMention(), r.history(), r.lawPrior(),
                r.lawVotes(), r.chapterVotes(), r.expansion(), r.associations());
        out.add(new Step("+ conversational stop phrases", r));
        r = with(r, r.bigramBody(), r.stopPhrases(), full.synonyms(), r.lawMention(), r.history(), r.lawPrior(),
                r.lawVotes(), r.chapterVotes(), r.expansion(), r.associations());
        out.add(new Step("+ colloquial→official synonyms", r));
        r = with(r, r.bigramBody(), r.stopPhrases(), r.synonyms(), full.lawMention(), r.history(), r.lawPrior(),
                r.lawVotes(), r.chapterVotes(), r.expansion(), r.associations());
        out.add(new Step("+ laws and articles named in the question", r));
        r = with(r, r.bigramBody(), r.stopPhrases(), r.synonyms(), r.lawMention(), full.history(), r.lawPrior(),
                r.lawVotes(), r.chapterVotes(), r.expansion(), r.associations());
        out.add(new Step("+ votes of similar answered questions", r));
        r = with(r, r.bigramBody(), r.stopPhrases(), r.synonyms(), r.lawMention(), r.history(), full.lawPrior(),
                r.lawVotes(), r.chapterVotes(), r.expansion(), r.associations());
        out.add(new Step("+ prior of laws that answered questions", r));
        r = with(r, r.bigramBody(), r.stopPhrases(), r.synonyms(), r.lawMention(), r.history(), r.lawPrior(),
                full.lawVotes(), r.chapterVotes(), r.expansion(), r.associations());
        out.add(new Step("+ laws voted by similar questions", r));
        r = with(r, r.bigramBody(), r.stopPhrases(), r.synonyms(), r.lawMention(), r.history(), r.lawPrior(),
                r.lawVotes(), full.chapterVotes(), r.expansion(), r.associations());
        out.add(new Step("+ chapters voted by similar questions", r));
        r = with(r, r.bigramBody(), r.stopPhrases(), r.synonyms(), r.lawMention(), r.history(), r.lawPrior(),
                r.lawVotes(), r.chapterVotes(), full.expansion(), r.associations());
        out.add(new Step("+ document expansion with answered questions", r));
        r = with(r, r.bigramBody(), r.stopPhrases(), r.synonyms(), r.lawMention(), r.history(), r.lawPrior(),
                r.lawVotes(), r.chapterVotes(), r.expansion(), full.associations());
        out.add(new Step("+ learned term associations", r));
        return out;
    }

    private static Ranking with(Ranking r, double bigrams, boolean stop, double synonyms, double lawMention,
            double history, double lawPrior, double lawVotes, double chapterVotes, double expansion,
            double associations) {
        return new Ranking(r.wordBody(), bigrams, stop, synonyms, lawMention, history, lawPrior, expansion, lawVotes,
                chapterVotes, associations, r.depth(), r.k1(), r.b());
    }
}
