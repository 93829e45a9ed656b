package org.wenzheng.knowledge;

import java.time.LocalDate;
import java.util.Objects;

/**
 * What the disclosure catalogue says about a document, read from front matter, a sidecar file,
 * the file name (a version date) or the text itself.
 *
 * @param docNumber 文号, e.g. 国办发〔2020〕53号; empty when none
 * @param issuer    发文机关; empty when unknown
 * @param date      issue or version date; null when unknown
 * @param category  category in the disclosure catalogue (政策文件, 政策解读 …); empty when unknown
 * @param status    in force, amended or repealed; null means "decide from the other versions"
 * @param url       source URL; empty when none
 */
public record DocumentMetadata(
        String docNumber, String issuer, LocalDate date, String category, DocumentStatus status, String url) {

    /** No metadata at all. */
    public static final DocumentMetadata EMPTY = new DocumentMetadata("", "", null, "", null, "");

    public DocumentMetadata {
        docNumber = Objects.requireNonNullElse(docNumber, "").strip();
        issuer = Objects.requireNonNullElse(issuer, "").strip();
        category = Objects.requireNonNullElse(category, "").strip();
        url = Objects.requireNonNullElse(url, "").strip();
    }

    /** Fields set in {@code other} win over the ones here. */
    public DocumentMetadata overriddenBy(DocumentMetadata other) {
        return new DocumentMetadata(
                other.docNumber.isEmpty() ? docNumber : other.docNumber,
                other.issuer.isEmpty() ? issuer : other.issuer,
                other.date == null ? date : other.date,
                other.category.isEmpty() ? category : other.category,
                other.status == null ? status : other.status,
                other.url.isEmpty() ? url : other.url);
    }

    public DocumentMetadata withStatus(DocumentStatus newStatus) {
        return new DocumentMetadata(docNumber, issuer, date, category, newStatus, url);
    }
}
