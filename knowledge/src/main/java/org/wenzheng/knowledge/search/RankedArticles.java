package org.wenzheng.knowledge.search;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.index.StoredFields;

/**
 * What evaluation scores of a ranking: the article keys of its passages, best first, each key
 * once (several versions of a law share keys, and a page can hold two passages of one article).
 */
final class RankedArticles {
    private RankedArticles() {
    }

    static List<String> keys(List<Candidate> ranked, StoredPassages passages, int limit) {
        List<String> out = new ArrayList<>(limit);
        if (ranked.isEmpty()) {
            return out;
        }
        Set<String> seen = new HashSet<>();
        StoredFields stored = passages.storedFields();
        for (Candidate c : ranked) {
            String key = passages.articleKey(stored, c.doc());
            if (seen.add(key)) {
                out.add(key);
                if (out.size() == limit) {
                    break;
                }
            }
        }
        return out;
    }
}
