package org.wenzheng.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.wenzheng.knowledge.Snippet;
import org.wenzheng.knowledge.IndexProgress;

class TextOutputTest {

    @Test
    void marksHighlightsWithBracketsWithoutColour() {
        Snippet s = new Snippet("依申请公开的期限", List.of(new Snippet.Highlight(0, 5), new Snippet.Highlight(6, 8)));

        assertThat(new TextOutput(false).snippet(s)).isEqualTo("【依申请公开】的【期限】");
    }

    @Test
    void marksHighlightsInBoldWithColour() {
        Snippet s = new Snippet("公开期限", List.of(new Snippet.Highlight(2, 4)));

        assertThat(new TextOutput(true).snippet(s)).isEqualTo("公开\u001b[1m期限\u001b[0m");
    }

    @Test
    void documentTextCannotSendTerminalEscapes() {
        Snippet s = new Snippet("a\u001b[2Jb\nc", List.of());

        assertThat(new TextOutput(true).snippet(s)).isEqualTo("a [2Jb c");
    }

    @Test
    void progressIsRewrittenInPlaceAtATerminal() {
        StringWriter w = new StringWriter();
        IndexProgressPrinter p = new IndexProgressPrinter(new PrintWriter(w), true);

        p.accept(new IndexProgress(812, 1512, 35120, Duration.ofMillis(8342)));
        p.accept(new IndexProgress(1512, 1512, 64000, Duration.ofSeconds(16)));
        p.finish();

        assertThat(w.toString()).isEqualTo("\rindexed 812/1512 documents, 35120 passages, 4210 passages/s"
                + "\rindexed 1512/1512 documents, 64000 passages, 4000 passages/s" + System.lineSeparator());
    }

    @Test
    void progressIsOneLineAReportElsewhere() {
        StringWriter w = new StringWriter();
        IndexProgressPrinter p = new IndexProgressPrinter(new PrintWriter(w), false);

        p.accept(new IndexProgress(1, 2, 10, Duration.ofSeconds(1)));
        p.finish();

        assertThat(w.toString()).isEqualTo("indexed 1/2 documents, 10 passages, 10 passages/s" + System.lineSeparator());
    }

    @Test
    void theEvalCacheFolderIsTwelveHexDigitsOfTheCorpusPaths() {
        String a = EvalCommand.cacheName(List.of(java.nio.file.Path.of("/data/laws")));

        assertThat(a).matches("[0-9a-f]{12}");
        assertThat(EvalCommand.cacheName(List.of(java.nio.file.Path.of("/data/laws")))).isEqualTo(a);
        assertThat(EvalCommand.cacheName(List.of(java.nio.file.Path.of("/data/laws-local")))).isNotEqualTo(a);
    }
}
