package org.wenzheng.knowledge.search;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A question after analysis: what the ranking stages match.
 *
 * @param cleaned        the normalized question without conversational phrases
 * @param words          smartcn word terms with their counts
 * @param bigrams        character bigrams with their counts
 * @param synonymWords   word terms of official phrases added for colloquial ones
 * @param synonymBigrams bigrams of those phrases
 * @param laws           title keys of laws named in the question (劳动合同法)
 * @param articleKeys    article keys named in the question (劳动合同法第三十九条)
 */
record QueryPlan(
        String cleaned,
        Map<String, Integer> words,
        Map<String, Integer> bigrams,
        Map<String, Integer> synonymWords,
        Map<String, Integer> synonymBigrams,
        Set<String> laws,
        Set<String> articleKeys) {

    boolean isEmpty() {
        return words.isEmpty() && bigrams.isEmpty() && synonymWords.isEmpty();
    }

    /**
     * Every surface string worth highlighting: words, bigrams and synonyms of two characters or
     * more (a lone 的 or 1 would light up every passage).
     */
    List<String> highlightTerms() {
        java.util.ArrayList<String> out = new java.util.ArrayList<>();
        for (Map<String, Integer> m : List.of(words, bigrams, synonymWords)) {
            for (String t : m.keySet()) {
                if (t.codePointCount(0, t.length()) >= 2) {
                    out.add(t);
                }
            }
        }
        return out;
    }
}
