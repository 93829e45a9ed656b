package org.wenzheng.knowledge.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.wenzheng.knowledge.ArticleKeys;
import org.wenzheng.knowledge.Citation;
import org.wenzheng.knowledge.DocumentStatus;
import org.wenzheng.knowledge.FaqEntry;
import org.wenzheng.knowledge.index.Fields;

/**
 * The legal basis of FAQ entries, as passages of the knowledge base: each source an entry names
 * ({@code 《中华人民共和国政府信息公开条例》第二十七条}, {@code 本网站《政府信息公开申请指南》}) is looked up
 * by its title (中华人民共和国 ignored, as article keys do) and article, so that an FAQ answer cites
 * the article with its 文号, issuer, date and status like any passage, and the citizen can check it.
 *
 * <p>Where a title is indexed in several versions, the version in force is cited, the newest
 * first; a repealed one only when no other exists (its status then says so). A source that names
 * no article cites the document (its first passage, with no article label). A source that names no
 * 《title》 at all, or one the index does not hold, stays unresolved: {@link #unresolved()} lists
 * them so that indexing reports them, and the answer still cites the entry itself.
 */
final class FaqSources {
    /** 《title》 and, optionally, the article right after it (第十条, 第十条之一). */
    private static final Pattern SOURCE = Pattern.compile(
            "《([^》]+)》\\s*(第[零〇一二三四五六七八九十百千两]+条(?:之[一二三四五六七八九十]+)?)?");
    /** How many versions of one article are read to choose among them. */
    private static final int MAX_VERSIONS = 20;

    private final IndexSearcher searcher;
    private final StoredPassages passages;
    /** The title keys of the indexed documents. */
    private final List<String> titles;
    private final Map<String, List<Citation>> byEntry = new HashMap<>();
    private final Map<String, List<String>> unresolvedByEntry = new HashMap<>();

    FaqSources(IndexSearcher searcher, StoredPassages passages, List<String> titles) {
        this.searcher = searcher;
        this.passages = passages;
        this.titles = List.copyOf(titles);
    }

    /** Resolves the sources of these entries (replacing what an entry of the same id had). */
    synchronized void put(List<FaqEntry> entries) {
        for (FaqEntry e : entries) {
            List<Citation> found = new ArrayList<>();
            List<String> missing = new ArrayList<>();
            for (String source : e.sources()) {
                Optional<Citation> c = resolve(source);
                if (c.isPresent()) {
                    if (!found.contains(c.get())) {
                        found.add(c.get());
                    }
                } else {
                    missing.add(source);
                }
            }
            byEntry.put(e.id(), List.copyOf(found));
            unresolvedByEntry.put(e.id(), List.copyOf(missing));
        }
    }

    /** The passages an entry's sources name, in the entry's order; empty for an unknown id. */
    synchronized List<Citation> of(String entryId) {
        return byEntry.getOrDefault(entryId, List.of());
    }

    /** One line per source that names nothing the index holds: "entry id: source". */
    synchronized List<String> unresolved() {
        List<String> out = new ArrayList<>();
        unresolvedByEntry.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> e.getValue().forEach(s -> out.add(e.getKey() + ": " + s)));
        return out;
    }

    /** The passage a source names, or empty when it names no indexed 《title》 (and article). */
    Optional<Citation> resolve(String source) {
        Matcher m = SOURCE.matcher(source);
        if (!m.find()) {
            return Optional.empty();
        }
        String article = m.group(2);
        Optional<String> title = titleKey(m.group(1).strip());
        if (title.isEmpty()) {
            return Optional.empty();
        }
        return resolve(title.get(), article, source);
    }

    /**
     * The indexed title a source's 《title》 names: itself, else the one indexed title that ends
     * with it (本网站《政府信息公开申请指南》 is the office's 示例市政府信息公开申请指南); none when
     * several do, since the source is then ambiguous.
     */
    private Optional<String> titleKey(String named) {
        String key = ArticleKeys.titleKey(named);
        if (titles.contains(key)) {
            return Optional.of(key);
        }
        List<String> ending = titles.stream().filter(t -> t.endsWith(key)).toList();
        return ending.size() == 1 ? Optional.of(ending.get(0)) : Optional.empty();
    }

    private Optional<Citation> resolve(String title, String article, String source) {
        Term term = article == null ? new Term(Fields.LAW, title) : new Term(Fields.ARTICLE_KEY, title + article);
        try {
            // In document order: without an article, a document's first passage comes first.
            ScoreDoc[] hits = searcher.search(new TermQuery(term), article == null ? 100_000 : MAX_VERSIONS,
                    new Sort(new SortField(Fields.ORDINAL, SortField.Type.LONG))).scoreDocs;
            StoredFields stored = passages.storedFields();
            List<Citation> versions = new ArrayList<>();
            for (ScoreDoc h : hits) {
                Citation c = passages.citation(stored, h.doc);
                if (article == null && versions.stream().anyMatch(v -> v.documentId().equals(c.documentId()))) {
                    continue; // one passage per document: its first
                }
                versions.add(c);
            }
            return versions.stream().min(PREFERRED).map(c -> article == null ? wholeDocument(c) : c);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot look up the FAQ source " + source, e);
        }
    }

    /** In force before not, then the newest (an undated version last). */
    private static final Comparator<Citation> PREFERRED = Comparator
            .comparing((Citation c) -> c.status() == DocumentStatus.IN_FORCE ? 0 : 1)
            .thenComparing(Citation::date, Comparator.nullsLast(Comparator.<LocalDate>reverseOrder()));

    private static Citation wholeDocument(Citation first) {
        return new Citation(first.documentId(), first.passageId(), first.title(), "", "", first.docNumber(),
                first.issuer(), first.date(), first.status(), first.url());
    }
}
