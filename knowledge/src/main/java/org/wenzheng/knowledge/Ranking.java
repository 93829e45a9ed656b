package org.wenzheng.knowledge;

import java.util.Locale;
import java.util.Objects;

/**
 * The weights of the ranking pipeline, built by name:
 * {@code Ranking.builder().semantic(0).neighbourReach(1).build()}. The defaults are what
 * {@code wenzheng eval} measured best (see docs/retrieval.md); each step can be switched off
 * (weight 0) to measure what it adds. Immutable; each setter of the {@link Builder} names the
 * value it rejects.
 */
public final class Ranking {
    /** Most passages the first stage may retrieve for re-ranking. */
    public static final int MAX_DEPTH = 10_000;
    /** Most articles placed before and after each of the best passages. */
    public static final int MAX_NEIGHBOUR_REACH = 10;

    /** The measured default. */
    public static final Ranking DEFAULT = new Builder().build();

    private final double wordBody;
    private final double bigramBody;
    private final boolean stopPhrases;
    private final double synonyms;
    private final double lawMention;
    private final double history;
    private final double lawPrior;
    private final double expansion;
    private final double lawVotes;
    private final double chapterVotes;
    private final double associations;
    private final double semantic;
    private final boolean tailByMeaning;
    private final int neighbourReach;
    private final int depth;
    private final float k1;
    private final float b;

    private Ranking(Builder r) {
        this.wordBody = r.wordBody;
        this.bigramBody = r.bigramBody;
        this.stopPhrases = r.stopPhrases;
        this.synonyms = r.synonyms;
        this.lawMention = r.lawMention;
        this.history = r.history;
        this.lawPrior = r.lawPrior;
        this.expansion = r.expansion;
        this.lawVotes = r.lawVotes;
        this.chapterVotes = r.chapterVotes;
        this.associations = r.associations;
        this.semantic = r.semantic;
        this.tailByMeaning = r.tailByMeaning;
        this.neighbourReach = r.neighbourReach;
        this.depth = r.depth;
        this.k1 = r.k1;
        this.b = r.b;
    }

    /** A builder holding the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this ranking's values. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Weight of smartcn word matches in the passage text. */
    public double wordBody() {
        return wordBody;
    }

    /** Weight of character-bigram matches in the passage text. */
    public double bigramBody() {
        return bigramBody;
    }

    /** Whether conversational phrases (请问, 怎么办 …) are removed from questions. */
    public boolean stopPhrases() {
        return stopPhrases;
    }

    /** Weight of official terms added for colloquial ones (0 = off). */
    public double synonyms() {
        return synonyms;
    }

    /** Boost for articles of a law named in the question (0 = off). */
    public double lawMention() {
        return lawMention;
    }

    /** Weight of votes from similar answered questions (0 = off). */
    public double history() {
        return history;
    }

    /** Weight of how often a law answered earlier questions (0 = off). */
    public double lawPrior() {
        return lawPrior;
    }

    /** Weight of matching the earlier questions an article answered (0 = off). */
    public double expansion() {
        return expansion;
    }

    /** Weight of the laws that answered similar earlier questions (0 = off). */
    public double lawVotes() {
        return lawVotes;
    }

    /** Weight of the chapters that answered similar earlier questions (0 = off). */
    public double chapterVotes() {
        return chapterVotes;
    }

    /** Weight of official words learned to go with the question's words (0 = off). */
    public double associations() {
        return associations;
    }

    /**
     * Weight of the semantic similarity of question and passage, for the deep ranking of search
     * and evaluation (0 = off, and no vectors are built).
     */
    public double semantic() {
        return semantic;
    }

    /**
     * Whether a deep ranking orders what lies below its first page with more weight on meaning
     * than on matched words (needs the semantic stage).
     */
    public boolean tailByMeaning() {
        return tailByMeaning;
    }

    /**
     * How many articles before and after each of the best passages a deep ranking places right
     * after its first page (0 = off).
     */
    public int neighbourReach() {
        return neighbourReach;
    }

    /** How many passages the first stage retrieves for re-ranking (its pool). */
    public int depth() {
        return depth;
    }

    /** BM25 term-frequency saturation. */
    public float k1() {
        return k1;
    }

    /** BM25 length normalisation. */
    public float b() {
        return b;
    }

    /** This ranking with another semantic weight (0: no semantic stage, and no vectors built). */
    public Ranking withSemantic(double weight) {
        return toBuilder().semantic(weight).build();
    }

    /** This ranking with another neighbour reach (0: no neighbouring articles after the first page). */
    public Ranking withNeighbourReach(int reach) {
        return toBuilder().neighbourReach(reach).build();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Ranking r
                && Double.compare(wordBody, r.wordBody) == 0 && Double.compare(bigramBody, r.bigramBody) == 0
                && stopPhrases == r.stopPhrases && Double.compare(synonyms, r.synonyms) == 0
                && Double.compare(lawMention, r.lawMention) == 0 && Double.compare(history, r.history) == 0
                && Double.compare(lawPrior, r.lawPrior) == 0 && Double.compare(expansion, r.expansion) == 0
                && Double.compare(lawVotes, r.lawVotes) == 0 && Double.compare(chapterVotes, r.chapterVotes) == 0
                && Double.compare(associations, r.associations) == 0 && Double.compare(semantic, r.semantic) == 0
                && tailByMeaning == r.tailByMeaning && neighbourReach == r.neighbourReach && depth == r.depth
                && Float.compare(k1, r.k1) == 0 && Float.compare(b, r.b) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(wordBody, bigramBody, stopPhrases, synonyms, lawMention, history, lawPrior, expansion,
                lawVotes, chapterVotes, associations, semantic, tailByMeaning, neighbourReach, depth, k1, b);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "Ranking[wordBody=%s, bigramBody=%s, stopPhrases=%s, synonyms=%s,"
                + " lawMention=%s, history=%s, lawPrior=%s, expansion=%s, lawVotes=%s, chapterVotes=%s,"
                + " associations=%s, semantic=%s, tailByMeaning=%s, neighbourReach=%d, depth=%d, k1=%s, b=%s]",
                wordBody, bigramBody, stopPhrases, synonyms, lawMention, history, lawPrior, expansion, lawVotes,
                chapterVotes, associations, semantic, tailByMeaning, neighbourReach, depth, k1, b);
    }

    /**
     * Sets the weights by name; starts from the measured defaults. Each setter rejects a value
     * out of range at once, with a message naming the setting.
     */
    public static final class Builder {
        private double wordBody = 1.0;
        private double bigramBody = 0.5;
        private boolean stopPhrases = true;
        private double synonyms = 0.5;
        private double lawMention = 2.0;
        private double history = 0.3;
        private double lawPrior = 0.3;
        private double expansion = 0.3;
        private double lawVotes = 0.5;
        private double chapterVotes = 0.6;
        private double associations = 0.3;
        private double semantic = 3.0;
        private boolean tailByMeaning = true;
        private int neighbourReach = 2;
        private int depth = 1000;
        private float k1 = 1.2f;
        private float b = 0.75f;

        private Builder() {
        }

        private Builder(Ranking r) {
            wordBody = r.wordBody;
            bigramBody = r.bigramBody;
            stopPhrases = r.stopPhrases;
            synonyms = r.synonyms;
            lawMention = r.lawMention;
            history = r.history;
            lawPrior = r.lawPrior;
            expansion = r.expansion;
            lawVotes = r.lawVotes;
            chapterVotes = r.chapterVotes;
            associations = r.associations;
            semantic = r.semantic;
            tailByMeaning = r.tailByMeaning;
            neighbourReach = r.neighbourReach;
            depth = r.depth;
            k1 = r.k1;
            b = r.b;
        }

        /** @see Ranking#wordBody() */
        public Builder wordBody(double weight) {
            wordBody = weight("wordBody", weight);
            return this;
        }

        /** @see Ranking#bigramBody() */
        public Builder bigramBody(double weight) {
            bigramBody = weight("bigramBody", weight);
            return this;
        }

        /** @see Ranking#stopPhrases() */
        public Builder stopPhrases(boolean on) {
            stopPhrases = on;
            return this;
        }

        /** @see Ranking#synonyms() */
        public Builder synonyms(double weight) {
            synonyms = weight("synonyms", weight);
            return this;
        }

        /** @see Ranking#lawMention() */
        public Builder lawMention(double weight) {
            lawMention = weight("lawMention", weight);
            return this;
        }

        /** @see Ranking#history() */
        public Builder history(double weight) {
            history = weight("history", weight);
            return this;
        }

        /** @see Ranking#lawPrior() */
        public Builder lawPrior(double weight) {
            lawPrior = weight("lawPrior", weight);
            return this;
        }

        /** @see Ranking#expansion() */
        public Builder expansion(double weight) {
            expansion = weight("expansion", weight);
            return this;
        }

        /** @see Ranking#lawVotes() */
        public Builder lawVotes(double weight) {
            lawVotes = weight("lawVotes", weight);
            return this;
        }

        /** @see Ranking#chapterVotes() */
        public Builder chapterVotes(double weight) {
            chapterVotes = weight("chapterVotes", weight);
            return this;
        }

        /** @see Ranking#associations() */
        public Builder associations(double weight) {
            associations = weight("associations", weight);
            return this;
        }

        /** @see Ranking#semantic() */
        public Builder semantic(double weight) {
            semantic = weight("semantic", weight);
            return this;
        }

        /** @see Ranking#tailByMeaning() */
        public Builder tailByMeaning(boolean on) {
            tailByMeaning = on;
            return this;
        }

        /** @see Ranking#neighbourReach() */
        public Builder neighbourReach(int articles) {
            if (articles < 0 || articles > MAX_NEIGHBOUR_REACH) {
                throw new IllegalArgumentException("ranking neighbourReach must be in [0, " + MAX_NEIGHBOUR_REACH
                        + "]: " + articles);
            }
            neighbourReach = articles;
            return this;
        }

        /** @see Ranking#depth() */
        public Builder depth(int passages) {
            if (passages < 1 || passages > MAX_DEPTH) {
                throw new IllegalArgumentException("ranking depth must be in [1, " + MAX_DEPTH + "]: " + passages);
            }
            depth = passages;
            return this;
        }

        /** @see Ranking#k1() */
        public Builder k1(float saturation) {
            if (!(saturation >= 0) || Float.isInfinite(saturation)) {
                throw new IllegalArgumentException("ranking k1 (BM25) must be finite and not negative: " + saturation);
            }
            k1 = saturation;
            return this;
        }

        /** @see Ranking#b() */
        public Builder b(float lengthNormalisation) {
            if (!(lengthNormalisation >= 0 && lengthNormalisation <= 1)) {
                throw new IllegalArgumentException("ranking b (BM25) must be in [0, 1]: " + lengthNormalisation);
            }
            b = lengthNormalisation;
            return this;
        }

        public Ranking build() {
            return new Ranking(this);
        }

        private static double weight(String name, double w) {
            if (!(w >= 0) || Double.isInfinite(w)) {
                throw new IllegalArgumentException("ranking " + name + " must be a finite weight, 0 or more: " + w);
            }
            return w;
        }
    }
}
