package org.wenzheng.knowledge;

/** Builds the canonical article key shared by evaluation data and the answered-question store. */
public final class ArticleKeys {
    private static final String PRC = "中华人民共和国";

    private ArticleKeys() {
    }

    /** Title with every 中华人民共和国 removed (also inside 《》), followed by the article label. */
    public static String of(String title, String article) {
        return title.replace(PRC, "").strip() + article;
    }

    /** The document part of a key: the title with every 中华人民共和国 removed. */
    public static String titleKey(String title) {
        return title.replace(PRC, "").strip();
    }
}
