package org.wenzheng.knowledge.search;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.wenzheng.knowledge.ArticleKeys;
import org.wenzheng.knowledge.analysis.Analyzers;
import org.wenzheng.knowledge.analysis.ChineseNormalizer;
import org.wenzheng.knowledge.analysis.QuestionKey;

/**
 * Turns a question into a {@link QueryPlan}: folds width and script (as the index was analysed),
 * removes conversational phrases (with the {@link QuestionKey} of the stop-phrase file), analyzes
 * into words and bigrams, adds official terms for colloquial ones, and recognises laws (and
 * articles) named in the question.
 */
final class QueryAnalyzer {
    private static final String ARTICLE = "第[零〇一二三四五六七八九十百千两0-9]{1,8}条(?:之[一二三四五六七八九十]{1,3})?";
    /** A paragraph and item of an article (第一款第（二）项), which cite the article itself. */
    private static final String PARAGRAPH = "(?:第[零〇一二三四五六七八九十0-9]{1,3}款)?(?:第?[（(]?[零〇一二三四五六七八九十0-9]{1,3}[)）]?项)?";
    /** The article right after a law's title: 劳动合同法第39条, 《劳动合同法》第三十九条, 劳动合同法的第三十九条. */
    private static final Pattern ARTICLE_AFTER_LAW = Pattern.compile("^\\s*》?\\s*(?:的)?(" + ARTICLE + ")" + PARAGRAPH);
    /** A further article of the same law in a list: 第三十八条、第四十六条, 第三十八条和第四十七条. */
    private static final Pattern NEXT_ARTICLE = Pattern.compile(
            "^\\s*(?:、|，|,|和|及|以及|或者|或|与)\\s*(" + ARTICLE + ")" + PARAGRAPH);
    private static final Pattern ARABIC_ARTICLE = Pattern.compile("^第(\\d{1,4})条");

    /**
     * Single-character grammatical words dropped from a question's word terms (not from its
     * bigrams, which keep 不退 or 被骗 intact). They carry no topic and, in a small knowledge base,
     * can outweigh the one informative word of a question. Removed as tokens, never as
     * substrings, so 不得 or 不动产 are untouched.
     */
    static final Set<String> FUNCTION_WORDS = Set.of(
            "的", "了", "是", "在", "和", "与", "或", "及", "不", "也", "都", "就", "而", "被", "把", "对", "为",
            "以", "于", "之", "其", "这", "那", "有", "我", "你", "他", "她", "它", "们", "吗", "呢", "吧", "啊",
            "会", "要", "能", "可", "让", "给", "还", "又", "很", "个");

    private final Analyzer words;
    private final Analyzer bigrams;
    private final QuestionKey stopPhrases;
    private final Map<String, List<String>> synonyms;
    /** The colloquial phrases of {@link #synonyms}, longest first. */
    private final List<String> colloquial;
    private final List<String> lawTitles;
    /**
     * The positions in {@link #lawTitles} of the titles starting with each char: a question is
     * searched only for the titles whose first char it contains (a few of 1,500), in the same order.
     */
    private final Map<Character, int[]> titlesByFirstChar;
    private final boolean removeStopPhrases;

    /**
     * @param lawTitles title keys of the laws in the index (titles without 中华人民共和国)
     */
    QueryAnalyzer(Analyzer words, Analyzer bigrams, QuestionKey stopPhrases, Map<String, List<String>> synonyms,
            Collection<String> lawTitles, boolean removeStopPhrases) {
        this.words = words;
        this.bigrams = bigrams;
        this.stopPhrases = stopPhrases;
        this.synonyms = Map.copyOf(synonyms);
        this.colloquial = this.synonyms.keySet().stream().filter(k -> !k.isEmpty())
                .sorted(Comparator.comparingInt(String::length).reversed()).toList();
        List<String> titles = new ArrayList<>();
        for (String t : lawTitles) {
            String n = ChineseNormalizer.normalize(t);
            if (n.codePointCount(0, n.length()) >= 2) {
                titles.add(n);
            }
        }
        titles.sort(Comparator.comparingInt(String::length).reversed());
        this.lawTitles = List.copyOf(titles);
        Map<Character, List<Integer>> byFirst = new java.util.HashMap<>();
        for (int i = 0; i < titles.size(); i++) {
            byFirst.computeIfAbsent(titles.get(i).charAt(0), c -> new ArrayList<>()).add(i);
        }
        Map<Character, int[]> index = new java.util.HashMap<>();
        byFirst.forEach((c, at) -> index.put(c, at.stream().mapToInt(Integer::intValue).toArray()));
        this.titlesByFirstChar = index;
        this.removeStopPhrases = removeStopPhrases;
    }

    QueryPlan plan(String question) {
        String normalized = ChineseNormalizer.normalize(question);
        Set<String> laws = new LinkedHashSet<>();
        SortedMap<Integer, String> named = new TreeMap<>();
        findLaws(normalized, laws, named);
        Set<String> articles = new LinkedHashSet<>(named.values());
        String cleaned = removeStopPhrases ? stopPhrases.withoutPhrases(normalized) : normalized;
        Map<String, Integer> synonymWords = new LinkedHashMap<>();
        Map<String, Integer> synonymBigrams = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : synonyms.entrySet()) {
            if (cleaned.contains(e.getKey())) {
                for (String official : e.getValue()) {
                    if (!cleaned.contains(official)) {
                        terms(words, official, synonymWords);
                        terms(bigrams, official, synonymBigrams);
                    }
                }
            }
        }
        Map<String, Integer> w = new LinkedHashMap<>();
        terms(words, cleaned, w);
        w.keySet().removeAll(FUNCTION_WORDS);
        Map<String, Integer> b = new LinkedHashMap<>();
        terms(bigrams, cleaned, b);
        return new QueryPlan(cleaned, w, b, synonymWords, synonymBigrams, laws, articles);
    }

    /**
     * A cleaned text with each colloquial phrase of the synonym rules replaced by its official
     * phrases (交钱 → 收费), the longest rule first at each position, each replacement set apart by
     * a comma so that no bigram straddles it. The FAQ matcher compares questions and phrasings
     * in this form, so a rule serves both sides alike.
     */
    String official(String cleaned) {
        if (colloquial.isEmpty()) {
            return cleaned;
        }
        StringBuilder out = new StringBuilder(cleaned.length() + 8);
        for (int i = 0; i < cleaned.length(); ) {
            String rule = null;
            for (String c : colloquial) {
                if (cleaned.startsWith(c, i)) {
                    rule = c;
                    break;
                }
            }
            if (rule == null) {
                out.append(cleaned.charAt(i++));
                continue;
            }
            out.append('，').append(String.join("，", synonyms.get(rule))).append('，');
            i += rule.length();
        }
        return out.toString();
    }

    /**
     * A text taken as it is (no stop phrases removed, no synonyms added, no laws recognised):
     * its informative words and its bigrams, as the FAQ matcher queries its phrasings.
     */
    QueryPlan literal(String text) {
        Map<String, Integer> w = new LinkedHashMap<>();
        terms(words, text, w);
        w.keySet().removeAll(FUNCTION_WORDS);
        Map<String, Integer> b = new LinkedHashMap<>();
        terms(bigrams, text, b);
        return new QueryPlan(text, w, b, Map.of(), Map.of(), Set.of(), Set.of());
    }

    /** The word terms of a text without {@link #FUNCTION_WORDS}, each once, in order. */
    List<String> informativeWords(String text) {
        Set<String> out = new LinkedHashSet<>(Analyzers.terms(words, text));
        out.removeAll(FUNCTION_WORDS);
        return List.copyOf(out);
    }

    /** The keys of the articles a text names after their law's title, in the order named, each once. */
    List<String> articlesNamed(String text) {
        SortedMap<Integer, String> named = new TreeMap<>();
        findLaws(ChineseNormalizer.normalize(text), new HashSet<>(), named);
        return List.copyOf(new LinkedHashSet<>(named.values()));
    }

    /** The distinct word terms of a text. */
    java.util.Set<String> words(String text) {
        return new java.util.LinkedHashSet<>(Analyzers.terms(words, text));
    }

    /**
     * A question as the learned history and the FAQ keep it: folded, without conversational
     * phrases (whatever the ranking says of them, so that a question learned or an FAQ phrasing
     * never depends on that switch).
     */
    String clean(String question) {
        return stopPhrases.withoutPhrases(ChineseNormalizer.normalize(question));
    }

    /**
     * Finds the laws named in {@code normalized} (into {@code laws}) and the articles named right
     * after one of them (into {@code articles}, by where they are named).
     */
    private void findLaws(String normalized, Set<String> laws, SortedMap<Integer, String> articles) {
        boolean[] taken = new boolean[normalized.length()];
        java.util.BitSet possible = new java.util.BitSet(lawTitles.size());
        for (int i = 0; i < normalized.length(); i++) {
            int[] at = titlesByFirstChar.get(normalized.charAt(i));
            if (at != null) {
                for (int t : at) {
                    possible.set(t);
                }
            }
        }
        for (int t = possible.nextSetBit(0); t >= 0; t = possible.nextSetBit(t + 1)) {
            String title = lawTitles.get(t);
            int from = 0;
            for (int at; (at = normalized.indexOf(title, from)) >= 0; from = at + 1) {
                boolean free = true;
                for (int i = at; i < at + title.length() && free; i++) {
                    free = !taken[i];
                }
                if (!free) {
                    continue;
                }
                for (int i = at; i < at + title.length(); i++) {
                    taken[i] = true;
                }
                laws.add(title);
                String rest = normalized.substring(at + title.length());
                int offset = at + title.length();
                for (Matcher m = ARTICLE_AFTER_LAW.matcher(rest); m.find(); m = NEXT_ARTICLE.matcher(rest)) {
                    articles.put(offset + m.start(1), ArticleKeys.of(title, chineseArticle(m.group(1))));
                    rest = rest.substring(m.end());
                    offset += m.end();
                }
            }
        }
    }

    /** 第39条 → 第三十九条, as articles are labelled in the texts. */
    static String chineseArticle(String label) {
        Matcher m = ARABIC_ARTICLE.matcher(label);
        if (!m.find()) {
            return label;
        }
        return "第" + ChineseNumerals.of(Integer.parseInt(m.group(1))) + "条" + label.substring(m.end());
    }

    private static void terms(Analyzer analyzer, String text, Map<String, Integer> out) {
        for (String t : Analyzers.terms(analyzer, text)) {
            out.merge(t, 1, Integer::sum);
        }
    }
}
