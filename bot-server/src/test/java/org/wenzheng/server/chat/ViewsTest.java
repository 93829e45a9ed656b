package org.wenzheng.server.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.wenzheng.knowledge.Snippet;

class ViewsTest {
    @Test
    void snippetHtmlEscapesTheTextAndMarksTheHighlights() {
        Snippet s = new Snippet("<script>信息公开</script>&", List.of(new Snippet.Highlight(8, 12)));

        Views.SnippetView v = Views.SnippetView.of(s);

        assertThat(v.html()).isEqualTo("&lt;script&gt;<mark>信息公开</mark>&lt;/script&gt;&amp;");
        assertThat(v.text()).isEqualTo(s.text());
        assertThat(v.highlights()).containsExactly(new Snippet.Highlight(8, 12));
    }

    @Test
    void aHighlightedRangeIsEscapedToo() {
        Snippet s = new Snippet("a<b>c", List.of(new Snippet.Highlight(1, 4)));

        assertThat(Views.SnippetView.of(s).html()).isEqualTo("a<mark>&lt;b&gt;</mark>c");
    }
}
