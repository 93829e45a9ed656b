package org.wenzheng.knowledge.eval;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.wenzheng.knowledge.Answer;
import org.wenzheng.knowledge.AnsweredQuestion;
import org.wenzheng.knowledge.search.LuceneKnowledgeBase;

/**
 * Asks every judged question and scores the ranking and the answers. With K folds, the questions
 * are split into K parts; each part is asked of an engine that learned from the history and the
 * other K-1 parts only, so no figure is measured on questions the engine learned from.
 */
public final class Evaluator {
    /** Opens a fresh engine (nothing learned yet). */
    @FunctionalInterface
    public interface EngineFactory {
        LuceneKnowledgeBase open() throws IOException;
    }

    /** Ranked article keys retrieved per question: enough for R@100. */
    static final int DEPTH = 100;

    private Evaluator() {
    }

    public static Metrics.Result run(EngineFactory factory, List<Judged> queries, List<Judged> history, int folds,
            Consumer<String> progress) throws IOException {
        if (folds < 0 || folds == 1 || folds > queries.size()) {
            throw new IllegalArgumentException("folds must be 0 (none) or between 2 and the number of questions: " + folds);
        }
        Metrics total = new Metrics();
        int parts = Math.max(1, folds);
        for (int f = 0; f < parts; f++) {
            List<Judged> test = new ArrayList<>();
            List<AnsweredQuestion> learn = new ArrayList<>(toAnswered(history));
            for (int i = 0; i < queries.size(); i++) {
                if (folds == 0 || i % folds == f) {
                    test.add(queries.get(i));
                } else {
                    learn.add(toAnswered(queries.get(i)));
                }
            }
            try (LuceneKnowledgeBase kb = factory.open()) {
                if (!learn.isEmpty()) {
                    kb.learn(learn);
                }
                total.addAll(ask(kb, test));
            }
            if (folds > 0) {
                progress.accept("fold " + (f + 1) + "/" + folds + ": " + test.size() + " questions asked, learned from "
                        + learn.size());
            }
        }
        return total.result();
    }

    static Metrics ask(LuceneKnowledgeBase kb, List<Judged> test) {
        Metrics m = new Metrics();
        for (Judged q : test) {
            List<String> ranked = kb.rankedArticleKeys(q.question(), DEPTH);
            Answer a = kb.answer(q.question());
            String answerKey = a.answered() && !a.citations().isEmpty() ? a.citations().get(0).articleKey() : null;
            m.add(ranked, q.relevant(), a.answered(), answerKey);
        }
        return m;
    }

    private static List<AnsweredQuestion> toAnswered(List<Judged> judged) {
        return judged.stream().map(Evaluator::toAnswered).toList();
    }

    private static AnsweredQuestion toAnswered(Judged j) {
        return new AnsweredQuestion(j.question(), j.relevant());
    }
}
