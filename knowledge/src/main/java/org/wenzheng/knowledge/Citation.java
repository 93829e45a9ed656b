package org.wenzheng.knowledge;

import java.time.LocalDate;
import java.util.Objects;

/**
 * Where a passage comes from, precise enough to be checked by a citizen: the document's title,
 * its 文号 (document number), issuing body (发文机关), date, status, source URL, and the article
 * (第X条) or section within it.
 *
 * @param documentId stable id of the document, usable with {@link KnowledgeBase#document}
 * @param passageId  stable id of the passage
 * @param title      official title, e.g. 中华人民共和国民法典
 * @param article    article label (第五十四条), section heading, or empty for a whole FAQ entry
 * @param chapter    the chapter/section path the passage sits in, may be empty
 * @param docNumber  文号, may be empty
 * @param issuer     发文机关, may be empty
 * @param date       version or issue date, may be null when unknown
 * @param status     whether the document is in force
 * @param url        source URL, may be empty
 */
public record Citation(
        String documentId,
        String passageId,
        String title,
        String article,
        String chapter,
        String docNumber,
        String issuer,
        LocalDate date,
        DocumentStatus status,
        String url) {

    public Citation {
        Objects.requireNonNull(documentId, "documentId");
        Objects.requireNonNull(passageId, "passageId");
        Objects.requireNonNull(title, "title");
        article = Objects.requireNonNullElse(article, "");
        chapter = Objects.requireNonNullElse(chapter, "");
        docNumber = Objects.requireNonNullElse(docNumber, "");
        issuer = Objects.requireNonNullElse(issuer, "");
        status = Objects.requireNonNullElse(status, DocumentStatus.IN_FORCE);
        url = Objects.requireNonNullElse(url, "");
    }

    /**
     * The article key used by the evaluation data and the answered-question store: the title
     * with every 中华人民共和国 removed, followed by the article label (民法典第五十四条).
     */
    public String articleKey() {
        return ArticleKeys.of(title, article);
    }

    /** A one-line human-readable form: 《民法典》第五十四条（2020-05-28，有效）. */
    public String display() {
        StringBuilder sb = new StringBuilder("《").append(title).append('》');
        if (!article.isEmpty()) {
            sb.append(article);
        }
        StringBuilder meta = new StringBuilder();
        if (!docNumber.isEmpty()) {
            meta.append(docNumber);
        }
        if (!issuer.isEmpty()) {
            meta.append(meta.length() > 0 ? "，" : "").append(issuer);
        }
        if (date != null) {
            meta.append(meta.length() > 0 ? "，" : "").append(date);
        }
        meta.append(meta.length() > 0 ? "，" : "").append(status.label());
        return sb.append('（').append(meta).append('）').toString();
    }
}
