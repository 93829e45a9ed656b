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
    /** The steps in the order the components were added; step 0 is plain words. */
    private static final List<String> STEPS = List.of(
            "smartcn words, width/script folding, in-force only",
            "+ character bigrams",
            "+ conversational stop phrases",
            "+ colloquial→official synonyms",
            "+ laws and articles named in the question",
            "+ votes of similar answered questions",
            "+ prior of laws that answered questions",
            "+ laws voted by similar questions",
            "+ chapters voted by similar questions",
            "+ document expansion with answered questions",
            "+ learned term associations",
            "+ semantic similarity (bge-small-zh)",
            "+ below the first page, meaning over matched words",
            "+ neighbouring articles of the best matches");

    private Ablation() {
    }

    /** One cumulative step: its name and the ranking with every component up to it switched on. */
    public record Step(String name, Ranking ranking) {
    }

    /** The steps from plain words to {@code full}, in the order the components were added. */
    public static List<Step> steps(Ranking full) {
        List<Step> out = new ArrayList<>();
        for (int k = 0; k < STEPS.size(); k++) {
            out.add(new Step(STEPS.get(k), upTo(full, k)));
        }
        return out;
    }

    /** {@code full} with the components of steps 1 to {@code k} on and the later ones off. */
    static Ranking upTo(Ranking f, int k) {
        return f.toBuilder()
                .bigramBody(k >= 1 ? f.bigramBody() : 0)
                .stopPhrases(k >= 2 && f.stopPhrases())
                .synonyms(k >= 3 ? f.synonyms() : 0)
                .lawMention(k >= 4 ? f.lawMention() : 0)
                .history(k >= 5 ? f.history() : 0)
                .lawPrior(k >= 6 ? f.lawPrior() : 0)
                .lawVotes(k >= 7 ? f.lawVotes() : 0)
                .chapterVotes(k >= 8 ? f.chapterVotes() : 0)
                .expansion(k >= 9 ? f.expansion() : 0)
                .associations(k >= 10 ? f.associations() : 0)
                .semantic(k >= 11 ? f.semantic() : 0)
                .tailByMeaning(k >= 12 && f.tailByMeaning())
                .neighbourReach(k >= 13 ? f.neighbourReach() : 0)
                .build();
    }
}
