package org.wenzheng.server.admin;

import java.util.List;
import org.wenzheng.knowledge.AnsweredQuestion;
import org.wenzheng.knowledge.FaqEntry;
import org.wenzheng.knowledge.KnowledgeBase;

/**
 * What the reviewed answers in the store teach a knowledge base: the approved FAQ entries, which
 * answer questions close to theirs, and the answered questions they hold (each phrasing with the
 * articles its reviewer kept as sources), which the engine learns from so that later questions
 * in other words find those articles too. Given to the served knowledge base at start, at each
 * approval, and to a re-built one before it is served.
 *
 * @param faq      the FAQ entries
 * @param answered the questions answered by known articles
 */
record ApprovedAnswers(List<FaqEntry> faq, List<AnsweredQuestion> answered) {
    ApprovedAnswers {
        faq = List.copyOf(faq);
        answered = List.copyOf(answered);
    }

    static final ApprovedAnswers NONE = new ApprovedAnswers(List.of(), List.of());

    /** Puts the entries into {@code kb} and has it learn the answered questions. */
    void teach(KnowledgeBase kb) {
        if (!faq.isEmpty()) {
            kb.putFaq(faq);
        }
        if (!answered.isEmpty()) {
            kb.learn(answered);
        }
    }

    boolean isEmpty() {
        return faq.isEmpty() && answered.isEmpty();
    }
}
