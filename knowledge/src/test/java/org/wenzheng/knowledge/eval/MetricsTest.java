package org.wenzheng.knowledge.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class MetricsTest {
    private static final double EPS = 1e-9;

    /*
     * Three questions, worked by hand:
     *
     * Q1 relevant {b, x}; ranked a b c d e f; answered with a (wrong).
     *    R@1 0 (a is not relevant); R@5 = R@10 = R@100 = 1/2 (b found, x never); first relevant at rank 2: RR 1/2.
     * Q2 relevant {r}; ranked r s t; answered with r (right).
     *    R@1 = R@5 = R@10 = R@100 = 1; RR 1.
     * Q3 relevant {y, z, w}; ranked n1 n2 n3 n4 n5 y n7 n8 n9 n10 n11 z; not answered.
     *    R@1 = R@5 = 0; R@10 = 1/3 (y at rank 6); R@100 = 2/3 (z at rank 12); RR 1/6.
     *
     * R@1    = (0 + 1 + 0) / 3           = 1/3
     * R@5    = (1/2 + 1 + 0) / 3         = 1/2
     * R@10   = (1/2 + 1 + 1/3) / 3       = 11/18
     * R@100  = (1/2 + 1 + 2/3) / 3       = 13/18
     * MRR@10 = (1/2 + 1 + 1/6) / 3       = 5/9
     * answered share = 2 answered / 3    = 2/3
     * answered precision@1 = 1 right / 2 answered = 1/2
     */
    @Test
    void computesRecallMrrAndAnsweredPrecisionAsWorkedByHand() {
        Metrics.Result r = threeQuestions().result();

        assertThat(r.queries()).isEqualTo(3);
        assertThat(r.recall1()).isCloseTo(1.0 / 3, within(EPS));
        assertThat(r.recall5()).isCloseTo(1.0 / 2, within(EPS));
        assertThat(r.recall10()).isCloseTo(11.0 / 18, within(EPS));
        assertThat(r.recall100()).isCloseTo(13.0 / 18, within(EPS));
        assertThat(r.mrr10()).isCloseTo(5.0 / 9, within(EPS));
        assertThat(r.answered()).isCloseTo(2.0 / 3, within(EPS));
        assertThat(r.answeredPrecision1()).isCloseTo(1.0 / 2, within(EPS));
    }

    @Test
    void addingFoldsGivesTheSameFiguresAsOneSet() {
        Metrics q1 = new Metrics();
        q1.add(List.of("a", "b", "c", "d", "e", "f"), List.of("b", "x"), true, "a");
        Metrics rest = new Metrics();
        rest.add(List.of("r", "s", "t"), List.of("r"), true, "r");
        rest.add(q3Ranking(), List.of("y", "z", "w"), false, null);

        q1.addAll(rest);

        assertThat(q1.result()).isEqualTo(threeQuestions().result());
    }

    @Test
    void ignoresARelevantArticleBeyondRankTenForMrr() {
        Metrics m = new Metrics();
        m.add(List.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "hit"), List.of("hit"), false, null);

        Metrics.Result r = m.result();
        assertThat(r.mrr10()).isZero();
        assertThat(r.recall10()).isZero();
        assertThat(r.recall100()).isEqualTo(1.0);
    }

    @Test
    void reportsZerosForNoQuestions() {
        assertThat(new Metrics().result()).isEqualTo(new Metrics.Result(0, 0, 0, 0, 0, 0, 0, 0));
    }

    private static Metrics threeQuestions() {
        Metrics m = new Metrics();
        m.add(List.of("a", "b", "c", "d", "e", "f"), List.of("b", "x"), true, "a");
        m.add(List.of("r", "s", "t"), List.of("r"), true, "r");
        m.add(q3Ranking(), List.of("y", "z", "w"), false, null);
        return m;
    }

    private static List<String> q3Ranking() {
        return List.of("n1", "n2", "n3", "n4", "n5", "y", "n7", "n8", "n9", "n10", "n11", "z");
    }
}
