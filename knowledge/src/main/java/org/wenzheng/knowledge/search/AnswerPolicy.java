package org.wenzheng.knowledge.search;

import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.index.StoredFields;
import org.wenzheng.knowledge.Answer;
import org.wenzheng.knowledge.Citation;
import org.wenzheng.knowledge.SearchHit;

/**
 * Decides whether the engine answers a question, and with what: the best FAQ entry or the best
 * passage, whichever the {@link Confidence} trusts more, and only when that confidence reaches
 * the configured threshold; the best candidates go with the answer either way.
 */
final class AnswerPolicy {
    /** Candidates returned with an answer. */
    static final int CANDIDATES = 5;
    /** FAQ entries an answer considers; fewer than {@link #CANDIDATES}, so the best passage is always among them. */
    static final int FAQ_ENTRIES = 3;

    private final double threshold;
    private final FaqMatcher faqs;
    private final FaqSources faqSources;
    private final StoredPassages passages;
    private final FirstStage statistics;

    AnswerPolicy(double threshold, FaqMatcher faqs, FaqSources faqSources, StoredPassages passages,
            FirstStage statistics) {
        this.threshold = threshold;
        this.faqs = faqs;
        this.faqSources = faqSources;
        this.passages = passages;
        this.statistics = statistics;
    }

    /**
     * @param ranked the passages, best first (an answer's shallow ranking)
     * @param faq    the best FAQ matches, most similar first
     * @param terms  the statistics the ranking looked up, which the confidence reuses
     */
    Answer answer(QueryPlan plan, List<Candidate> ranked, List<FaqMatcher.Match> faq, TermLookup terms) {
        List<String> highlight = plan.highlightTerms();
        List<SearchHit> candidates = new ArrayList<>();
        for (FaqMatcher.Match f : faq) {
            if (f.similarity() >= FaqMatcher.SEARCH_SIMILARITY) {
                candidates.add(faqs.hit(f, highlight));
            }
        }
        int faqHits = candidates.size();
        StoredFields stored = ranked.isEmpty() ? null : passages.storedFields();
        for (int i = 0; i < ranked.size() && candidates.size() < CANDIDATES; i++) {
            candidates.add(passages.hit(ranked.get(i), stored, highlight));
        }
        // At most FAQ_ENTRIES FAQ hits precede the passages, so the best passage is always among the candidates.
        SearchHit bestPassage = ranked.isEmpty() ? null : candidates.get(faqHits);
        double faqConfidence = faq.isEmpty() ? 0 : Confidence.ofFaq(faq);
        double passageConfidence = bestPassage == null ? 0
                : Confidence.ofPassage(plan, ranked, StoredPassages.contextText(bestPassage),
                        statistics.wordIdf(plan, terms));
        SearchHit.Kind source = candidates.isEmpty() ? null : candidates.get(0).kind();
        if (faqConfidence >= passageConfidence && !faq.isEmpty()) {
            // The best FAQ match is listed first when it is similar enough to be listed at all.
            SearchHit best = faqHits > 0 ? candidates.get(0) : faqs.hit(faq.get(0), highlight);
            boolean answered = faqConfidence >= threshold;
            // The entry, then its legal basis as passages (文号, issuer, date, status), so it can be checked.
            List<Citation> cited = new ArrayList<>();
            if (answered) {
                cited.add(best.citation());
                cited.addAll(faqSources.of(best.citation().passageId()));
            }
            return new Answer(answered, answered ? best.text() : "", faqConfidence, cited, candidates,
                    SearchHit.Kind.FAQ);
        }
        if (bestPassage == null) {
            return new Answer(false, "", 0, List.of(), candidates, source);
        }
        boolean answered = passageConfidence >= threshold;
        return new Answer(answered, answered ? bestPassage.text() : "", passageConfidence,
                answered ? List.of(bestPassage.citation()) : List.of(), candidates, bestPassage.kind());
    }
}
