package org.wenzheng.knowledge;

/**
 * The weights of the ranking pipeline. The defaults are what {@code wenzheng eval} measured best
 * (see docs/retrieval.md); each step can be switched off to measure what it adds.
 *
 * @param wordBody      weight of smartcn word matches in the passage text
 * @param bigramBody    weight of character-bigram matches in the passage text
 * @param stopPhrases   whether conversational phrases (请问, 怎么办 …) are removed from questions
 * @param synonyms      weight of official terms added for colloquial ones (0 = off)
 * @param lawMention    boost for articles of a law named in the question (0 = off)
 * @param history       weight of votes from similar answered questions (0 = off)
 * @param lawPrior      weight of how often a law answered earlier questions (0 = off)
 * @param expansion     weight of matching the earlier questions an article answered (0 = off)
 * @param lawVotes      weight of the laws that answered similar earlier questions (0 = off)
 * @param chapterVotes  weight of the chapters that answered similar earlier questions (0 = off)
 * @param associations  weight of official words learned to go with the question's words (0 = off)
 * @param semantic      weight of the semantic similarity of question and passage, for the deep
 *                      ranking of search and evaluation (0 = off, and no vectors are built)
 * @param tailByMeaning whether a deep ranking orders what lies below its first page with more
 *                      weight on meaning than on matched words (needs the semantic stage)
 * @param neighbourReach how many articles before and after each of the best passages a deep
 *                      ranking places right after its first page (0 = off)
 * @param depth         how many passages the first stage retrieves for re-ranking (its pool)
 * @param k1            BM25 term-frequency saturation
 * @param b             BM25 length normalisation
 */
public record Ranking(
        double wordBody, double bigramBody,
        boolean stopPhrases, double synonyms, double lawMention, double history, double lawPrior,
        double expansion, double lawVotes, double chapterVotes, double associations, double semantic,
        boolean tailByMeaning, int neighbourReach, int depth, float k1,
        float b) {

    /** The measured default. */
    public static final Ranking DEFAULT = new Ranking(1.0, 0.5, true, 0.5, 2.0, 0.3, 0.3, 0.3, 0.5, 0.6, 0.3, 3.0, true, 2, 1000, 1.2f, 0.75f);

    public Ranking {
        if (depth < 1 || depth > 10_000) {
            throw new IllegalArgumentException("ranking depth must be in [1, 10000]: " + depth);
        }
        if (neighbourReach < 0 || neighbourReach > 10) {
            throw new IllegalArgumentException("neighbour reach must be in [0, 10]: " + neighbourReach);
        }
        if (k1 < 0 || b < 0 || b > 1) {
            throw new IllegalArgumentException("BM25 needs k1 >= 0 and b in [0,1]: k1=" + k1 + " b=" + b);
        }
    }

    /** This ranking with another semantic weight (0: no semantic stage, and no vectors built). */
    public Ranking withSemantic(double weight) {
        return new Ranking(wordBody, bigramBody, stopPhrases, synonyms, lawMention, history, lawPrior, expansion,
                lawVotes, chapterVotes, associations, weight, tailByMeaning, neighbourReach, depth, k1, b);
    }

    /** This ranking with another neighbour reach (0: no neighbouring articles after the first page). */
    public Ranking withNeighbourReach(int reach) {
        return new Ranking(wordBody, bigramBody, stopPhrases, synonyms, lawMention, history, lawPrior, expansion,
                lawVotes, chapterVotes, associations, semantic, tailByMeaning, reach, depth, k1, b);
    }
}
