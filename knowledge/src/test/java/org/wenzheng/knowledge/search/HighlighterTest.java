package org.wenzheng.knowledge.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.wenzheng.knowledge.Snippet;

class HighlighterTest {
    @Test
    void marksTermsInAShortPassageShownWhole() {
        Snippet s = Highlighter.snippet("出租人应当退还押金。", List.of("押金", "出租人"));

        assertThat(s.text()).isEqualTo("出租人应当退还押金。");
        assertThat(s.highlights()).containsExactly(new Snippet.Highlight(0, 3), new Snippet.Highlight(7, 9));
    }

    @Test
    void mergesAdjacentTermsIntoOneHighlight() {
        Snippet s = Highlighter.snippet("出租人应当退还押金。", List.of("退还", "押金"));

        assertThat(s.highlights()).containsExactly(new Snippet.Highlight(5, 9));
    }

    @Test
    void marksTraditionalTextMatchedBySimplifiedTerms() {
        Snippet s = Highlighter.snippet("簽訂離婚協議", List.of("离婚"));

        assertThat(s.text()).isEqualTo("簽訂離婚協議");
        assertThat(s.highlights()).containsExactly(new Snippet.Highlight(2, 4));
    }

    @Test
    void keepsTheMatchInViewWhenItEndsALongPassage() {
        // Regression: the window was slid to end at the match, then moved back to the previous
        // sentence start, which pushed the match out: a snippet without any highlight.
        String text = "本条规定租赁合同中出租人的主要义务。出租人应当按照约定将租赁物交付承租人，并在租赁期限内保持租赁物"
                + "符合约定的用途，履行租赁物的维修义务，承租人在租赁物需要维修时可以请求出租人在合理期限内维修，"
                + "出租人未履行维修义务的承租人可以自行维修，维修费用由出租人负担，租赁合同期满或者解除后出租人应当及时退还押金。";

        Snippet s = Highlighter.snippet(text, List.of("退还", "押金"));

        assertThat(marked(s)).containsExactly("退还押金");
        assertThat(s.text()).startsWith("…").endsWith("退还押金…");
        assertThat(s.text()).hasSize(Highlighter.WINDOW + 2);
    }

    @Test
    void startsTheSnippetAtTheSentenceOfTheMatch() {
        String before = "甲".repeat(130) + "。";
        String sentence = "租赁合同期满后，出租人应当及时退还押金。";
        String after = "乙".repeat(150);

        Snippet s = Highlighter.snippet(before + sentence + after, List.of("押金"));

        assertThat(s.text()).isEqualTo("…" + (sentence + after).substring(0, Highlighter.WINDOW) + "…");
        assertThat(marked(s)).containsExactly("押金");
    }

    private static List<String> marked(Snippet s) {
        return s.highlights().stream().map(h -> s.text().substring(h.start(), h.end())).toList();
    }
}
