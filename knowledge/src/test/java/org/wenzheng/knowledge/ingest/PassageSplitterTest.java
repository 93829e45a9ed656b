package org.wenzheng.knowledge.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.wenzheng.knowledge.Passage;
import org.wenzheng.knowledge.SearchHit;

class PassageSplitterTest {

    @Test
    void labelsArticlesWithLongNumbersAndSupplementaryArticles() {
        List<Passage> passages = PassageSplitter.split("doc", List.of(
                Block.paragraph("第一百二十三条 民事主体依法享有知识产权。", 1),
                Block.paragraph("第十条之一　处理民事纠纷，应当依照法律。", 2),
                Block.paragraph("第１２４条 自然人依法享有继承权。", 3)), "");

        assertThat(passages).extracting(Passage::label).containsExactly("第一百二十三条", "第十条之一", "第１２４条");
        assertThat(passages).extracting(Passage::text).containsExactly(
                "民事主体依法享有知识产权。", "处理民事纠纷，应当依照法律。", "自然人依法享有继承权。");
        assertThat(passages).extracting(Passage::id).containsExactly("doc-1", "doc-2", "doc-3");
        assertThat(passages).extracting(Passage::kind).containsOnly(SearchHit.Kind.ARTICLE);
    }

    @Test
    void dropsPreambleBeforeTheFirstArticle() {
        List<Passage> passages = PassageSplitter.split("doc", List.of(
                Block.paragraph("（2019年3月1日公布，自2019年4月1日起施行）", 1),
                Block.paragraph("第一条 为了规范管理，制定本办法。", 2),
                Block.paragraph("第二条 本办法自公布之日起施行。", 3)), "");

        assertThat(passages).extracting(Passage::text)
                .containsExactly("为了规范管理，制定本办法。", "本办法自公布之日起施行。");
    }

    @Test
    void needsTwoArticleLinesToSplitByArticle() {
        List<Passage> passages = PassageSplitter.split("doc", List.of(
                Block.heading(2, "一、依据", 1),
                Block.paragraph("第三条规定的情形，依照本说明办理。", 2)), "");

        assertThat(passages).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(SearchHit.Kind.SECTION);
            assertThat(p.label()).isEqualTo("一、依据");
        });
    }

    @Test
    void prefixesChapterPathWithThePart() {
        List<Passage> passages = PassageSplitter.split("doc", List.of(
                Block.heading(2, "第一分编  通则", 1),
                Block.heading(3, "第一章　一般规定", 2),
                Block.paragraph("第四百六十三条 本编调整因合同产生的民事关系。", 3),
                Block.heading(3, "第二章 合同的订立", 4),
                Block.paragraph("第四百七十一条 当事人订立合同，可以采取要约、承诺方式。", 5)), "合同编");

        assertThat(passages).extracting(Passage::chapter).containsExactly(
                "合同编 / 第一分编 通则 / 第一章 一般规定", "合同编 / 第一分编 通则 / 第二章 合同的订立");
    }

    @Test
    void cutsLongSectionsAtParagraphBoundaries() {
        String a = "甲".repeat(250);
        String b = "乙".repeat(250);
        String c = "丙".repeat(250);
        String d = "丁".repeat(250);

        List<Passage> passages = PassageSplitter.split("doc", List.of(
                Block.heading(2, "一、办理流程", 1),
                Block.paragraph(a, 2), Block.paragraph(b, 3), Block.paragraph(c, 4), Block.paragraph(d, 5)), "");

        assertThat(passages).extracting(Passage::text).containsExactly(a + "\n" + b, c + "\n" + d);
        assertThat(passages).extracting(Passage::label).containsOnly("一、办理流程");
        assertThat(passages).allSatisfy(p ->
                assertThat(p.text().length()).isLessThanOrEqualTo(PassageSplitter.MAX_SECTION_CHARS));
    }

    @Test
    void keepsASingleParagraphLongerThanTheLimitWhole() {
        String longParagraph = "长".repeat(PassageSplitter.MAX_SECTION_CHARS + 50);

        List<Passage> passages = PassageSplitter.split("doc", List.of(
                Block.paragraph("短段落。", 1), Block.paragraph(longParagraph, 2)), "");

        assertThat(passages).extracting(Passage::text).containsExactly("短段落。", longParagraph);
    }

    @Test
    void normalizesHeadingWhitespace() {
        assertThat(PassageSplitter.normalizeHeading("  第一章\u3000\u3000总  则 ")).isEqualTo("第一章 总 则");
    }
}
