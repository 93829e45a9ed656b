package org.wenzheng.knowledge.index;

/** Names of the passage index's fields. */
public final class Fields {
    /** Passage id (stored, indexed as a keyword). */
    public static final String PASSAGE_ID = "pid";
    /** Document id (stored, indexed as a keyword). */
    public static final String DOCUMENT_ID = "doc";
    /** Article key: title without 中华人民共和国 + article label (indexed as a keyword). */
    public static final String ARTICLE_KEY = "key";
    /** Title key of the document (indexed as a keyword) for boosting a named law. */
    public static final String LAW = "law";
    /** Title key and chapter path of the passage (indexed as a keyword): its neighbourhood. */
    public static final String CHAPTER_KEY = "chap";
    /** Status name (indexed as a keyword, stored). */
    public static final String STATUS = "status";
    /** Position of the passage in its document (stored and doc values, for ordering). */
    public static final String ORDINAL = "ord";

    public static final String TITLE = "title";
    public static final String LABEL = "label";
    public static final String CHAPTER = "chapter";
    public static final String TEXT = "text";
    public static final String KIND = "kind";
    public static final String DOC_NUMBER = "docNumber";
    public static final String ISSUER = "issuer";
    public static final String DATE = "date";
    public static final String CATEGORY = "category";
    public static final String URL = "url";
    public static final String SOURCE = "source";

    /** Words of the passage text. */
    public static final String BODY_WORDS = "bw";
    /** Bigrams of the passage text. */
    public static final String BODY_BIGRAMS = "bb";
    /** The stock reference index's single field: title + text through SmartChineseAnalyzer. */
    public static final String STOCK = "all";

    private Fields() {
    }
}
