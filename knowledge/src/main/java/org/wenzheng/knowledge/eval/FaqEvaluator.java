package org.wenzheng.knowledge.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.wenzheng.knowledge.Answer;
import org.wenzheng.knowledge.KnowledgeBase;
import org.wenzheng.knowledge.SearchHit;

/**
 * Asks the FAQ evaluation set of a knowledge base and scores the FAQ answers citizens would get:
 * how often an FAQ answer is the right entry, how many answerable questions get their entry, and
 * how many questions no entry answers get an FAQ answer all the same. Nothing is learned: the
 * engine is asked as it is configured.
 */
public final class FaqEvaluator {
    private FaqEvaluator() {
    }

    /** What one question got. */
    public record Asked(FaqQuestion question, boolean faqAnswer, String entry, double confidence,
            boolean passageAnswer) {
        /** Answered with one of its entries. */
        public boolean right() {
            return faqAnswer && question.answers().contains(entry);
        }
    }

    /**
     * The figures of a set of questions.
     *
     * @param precision       right FAQ answers / FAQ answers (NaN when none was given)
     * @param answeredShare   answerable questions answered with one of their entries / answerable questions
     * @param nearMissAnswered near misses given an FAQ answer / near misses
     * @param offTopicAnswered off-topic questions given an FAQ answer / off-topic questions
     */
    public record Result(int questions, int answerable, int nearMisses, int faqAnswers, int rightAnswers,
            double precision, double answeredShare, double nearMissAnswered, double offTopicAnswered,
            int passageAnswersToUnanswerable) {
    }

    /** Every question asked, in order. */
    public static List<Asked> ask(KnowledgeBase kb, List<FaqQuestion> questions) {
        List<Asked> out = new ArrayList<>(questions.size());
        for (FaqQuestion q : questions) {
            Answer a = kb.answer(q.question());
            boolean faq = a.answered() && a.source() == SearchHit.Kind.FAQ && !a.citations().isEmpty();
            String entry = faq ? a.citations().get(0).passageId() : null;
            out.add(new Asked(q, faq, entry, a.confidence(), a.answered() && !faq));
        }
        return out;
    }

    /** The figures of the whole set and of each split, by name: all, tune, test. */
    public static Map<String, Result> figures(List<Asked> asked) {
        Map<String, Result> out = new LinkedHashMap<>();
        out.put("all", result(asked, a -> true));
        for (String split : List.of("tune", "test")) {
            out.put(split, result(asked, a -> a.question().split().equals(split)));
        }
        return out;
    }

    static Result result(List<Asked> asked, Predicate<Asked> which) {
        int n = 0, answerable = 0, near = 0, off = 0, faqAnswers = 0, right = 0, rightAnswerable = 0;
        int nearAnswered = 0, offAnswered = 0, passageToNone = 0;
        for (Asked a : asked) {
            if (!which.test(a)) {
                continue;
            }
            n++;
            FaqQuestion q = a.question();
            if (q.answerable()) {
                answerable++;
                if (a.right()) {
                    rightAnswerable++;
                }
            } else if (q.kind().equals(FaqQuestion.NEAR_MISS)) {
                near++;
                nearAnswered += a.faqAnswer() ? 1 : 0;
            } else {
                off++;
                offAnswered += a.faqAnswer() ? 1 : 0;
            }
            if (!q.answerable() && a.passageAnswer()) {
                passageToNone++;
            }
            if (a.faqAnswer()) {
                faqAnswers++;
                right += a.right() ? 1 : 0;
            }
        }
        return new Result(n, answerable, near, faqAnswers, right, share(right, faqAnswers),
                share(rightAnswerable, answerable), share(nearAnswered, near), share(offAnswered, off), passageToNone);
    }

    private static double share(int part, int whole) {
        return whole == 0 ? Double.NaN : (double) part / whole;
    }
}
