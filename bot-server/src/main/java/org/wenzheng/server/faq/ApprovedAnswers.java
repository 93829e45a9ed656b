package org.wenzheng.server.faq;

import java.util.ArrayList;
import java.util.List;
import org.wenzheng.knowledge.AnsweredQuestion;
import org.wenzheng.knowledge.ArticleKeys;
import org.wenzheng.knowledge.FaqEntry;
import org.wenzheng.knowledge.KnowledgeBase;

/**
 * What the reviewed answers in the store teach a knowledge base: the approved FAQ entries, which
 * answer questions close to theirs, and the answered questions they hold (each phrasing with the
 * articles its reviewer kept as sources), which the engine learns from so that later questions
 * in other words find those articles too. Given to the served knowledge base at start, at each
 * approval, and to a re-built one before it is served.
 *
 * @param faq the FAQ entries
 */
public record ApprovedAnswers(List<FaqEntry> faq) {
    public ApprovedAnswers {
        faq = List.copyOf(faq);
    }

    public static final ApprovedAnswers NONE = new ApprovedAnswers(List.of());

    /**
     * Puts the entries into {@code kb} and has it learn the questions they answered.
     *
     * @return how many answered questions it learned
     */
    public int teach(KnowledgeBase kb) {
        List<AnsweredQuestion> answered = new ArrayList<>();
        for (FaqEntry e : faq) {
            answered.addAll(answered(e));
        }
        if (!faq.isEmpty()) {
            kb.putFaq(faq);
        }
        if (!answered.isEmpty()) {
            kb.learn(answered);
        }
        return answered.size();
    }

    public boolean isEmpty() {
        return faq.isEmpty();
    }

    /**
     * An entry as answered questions: its question and each other phrasing, answered by the
     * articles its sources name (《title》article). None when it names no article: an FAQ answer
     * alone teaches nothing about where the law says it.
     */
    static List<AnsweredQuestion> answered(FaqEntry e) {
        List<String> keys = new ArrayList<>();
        for (String source : e.sources()) {
            int close = source.indexOf('》');
            if (!source.startsWith("《") || close <= 1) {
                continue;
            }
            String title = source.substring(1, close).strip();
            String article = source.substring(close + 1).strip();
            if (!title.isEmpty() && !article.isEmpty() && !keys.contains(ArticleKeys.of(title, article))) {
                keys.add(ArticleKeys.of(title, article));
            }
        }
        if (keys.isEmpty()) {
            return List.of();
        }
        List<AnsweredQuestion> out = new ArrayList<>();
        out.add(new AnsweredQuestion(e.question(), keys));
        for (String alternative : e.alternatives()) {
            out.add(new AnsweredQuestion(alternative, keys));
        }
        return out;
    }
}
