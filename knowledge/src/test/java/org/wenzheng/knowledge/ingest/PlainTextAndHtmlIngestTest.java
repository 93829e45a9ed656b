package org.wenzheng.knowledge.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wenzheng.knowledge.Document;
import org.wenzheng.knowledge.Passage;
import org.wenzheng.knowledge.SearchHit;

/** Plain text and HTML documents, and the encodings government sites publish in. */
class PlainTextAndHtmlIngestTest {
    private static final String HOTLINE = """
            示例市便民热线使用说明

            为方便市民咨询政策、反映问题，本市开通便民服务热线。

            一、拨打方式

            热线全天24小时有人工接听。

            （一）本地拨打

            直接拨打12345。

            （二）外地拨打

            请先加拨区号0000。

            二、办理时限

            咨询类事项3个工作日内答复。

            投诉类事项13个工作日内办结。
            """;

    private static final String PAGE = """
            <!DOCTYPE html>
            <html lang="zh-CN">
            <head>
            <meta charset="utf-8">
            <title>关于优化营商环境若干措施的解读_示例市人民政府</title>
            <script>var tracker = "头部脚本统计代码";</script>
            </head>
            <body>
            <header><div class="logo">示例市人民政府门户网站</div></header>
            <nav><ul><li><a href="/">首页</a></li><li><a href="/zwgk/">导航栏政务公开</a></li></ul></nav>
            <div class="container">
            <article>
              <h1>关于优化营商环境若干措施的解读</h1>
              <div class="info"><span>发布时间：2024-04-10</span> <span>来源：示例市发展改革委</span></div>
              <p>为进一步优化营商环境，市政府出台了若干措施。现就有关内容解读如下。</p>
              <h2>一、出台背景</h2>
              <p>近年来本市市场主体数量持续增长，企业对办事便利提出了更高要求。</p>
              <h2>二、主要内容</h2>
              <p>企业开办时间压缩至一个工作日以内，全程网上办理，不收取费用。</p>
              <p>工程建设项目审批实行告知承诺制，审批时间压缩一半。</p>
            </article>
            <aside class="related"><h4>侧栏相关链接</h4><ul><li>侧栏推荐文章</li></ul></aside>
            </div>
            <footer><p>版权所有：示例市人民政府　页脚联系电话0000-12345678</p></footer>
            <script>document.write("页脚脚本文字");</script>
            </body>
            </html>
            """;

    @TempDir
    Path root;

    private final DocumentReader reader = new DocumentReader();

    @Test
    void splitsPlainTextAtNumberedHeadings() throws Exception {
        Document d = reader.read(root, Files.writeString(root.resolve("热线说明.txt"), HOTLINE));

        assertThat(d.title()).isEqualTo("示例市便民热线使用说明");
        assertThat(d.passages()).extracting(Passage::label, Passage::chapter, Passage::text).containsExactly(
                tuple("", "", "为方便市民咨询政策、反映问题，本市开通便民服务热线。"),
                tuple("一、拨打方式", "", "热线全天24小时有人工接听。"),
                tuple("（一）本地拨打", "一、拨打方式", "直接拨打12345。"),
                tuple("（二）外地拨打", "一、拨打方式", "请先加拨区号0000。"),
                tuple("二、办理时限", "", "咨询类事项3个工作日内答复。\n投诉类事项13个工作日内办结。"));
        assertThat(d.passages()).extracting(Passage::kind).containsOnly(SearchHit.Kind.SECTION);
    }

    @Test
    void keepsNumberedSentencesAsParagraphs() {
        assertThat(PlainTextParser.headingLevel("一、拨打方式")).isEqualTo(2);
        assertThat(PlainTextParser.headingLevel("（一）本地拨打")).isEqualTo(3);
        assertThat(PlainTextParser.headingLevel("第二章 办理程序")).isEqualTo(2);
        assertThat(PlainTextParser.headingLevel("一、热线全天有人工接听。")).isZero();
        assertThat(PlainTextParser.headingLevel("热线全天有人工接听")).isZero();
    }

    @Test
    void keepsHtmlBodyAndDropsPageChrome() throws Exception {
        Document d = reader.read(root, Files.writeString(root.resolve("营商环境解读.html"), PAGE));

        assertThat(d.title()).isEqualTo("关于优化营商环境若干措施的解读");
        assertThat(d.passages()).extracting(Passage::label, Passage::text).containsExactly(
                tuple("", "为进一步优化营商环境，市政府出台了若干措施。现就有关内容解读如下。"),
                tuple("一、出台背景", "近年来本市市场主体数量持续增长，企业对办事便利提出了更高要求。"),
                tuple("二、主要内容",
                        "企业开办时间压缩至一个工作日以内，全程网上办理，不收取费用。\n工程建设项目审批实行告知承诺制，审批时间压缩一半。"));
        for (Passage p : d.passages()) {
            assertThat(p.label() + p.chapter() + p.text())
                    .doesNotContain("导航栏", "首页", "门户网站", "侧栏", "版权所有", "页脚", "脚本", "tracker", "document.write");
        }
    }

    @Test
    void readsPublishingDateAndOriginFromTheHtmlHeaderLine() throws Exception {
        Document d = reader.read(root, Files.writeString(root.resolve("营商环境解读.html"), PAGE));

        assertThat(d.metadata().date()).isEqualTo(LocalDate.of(2024, 4, 10));
        assertThat(d.metadata().issuer()).isEqualTo("示例市发展改革委");
    }

    @Test
    void readsTextInsideListItemsAndTableCellsOnce() throws Exception {
        // Regression: a <p> in an <li> or <td> was read twice, once as the paragraph and once as
        // the text of the item or cell around it.
        Path page = Files.writeString(root.resolve("办事指南.html"), """
                <html><head><title>居住证办事指南</title></head><body><article>
                <h1>居住证办事指南</h1>
                <p>申请居住证需要准备下列材料，并到居住地派出所办理。</p>
                <ul><li><p>居民身份证原件</p></li><li><div>租赁合同或者房屋产权证明</div></li></ul>
                <ol><li>近期照片<ul><li>白底证件照两张</li></ul></li></ol>
                <table><tr><td><p>办理时限：十五个工作日</p></td><td>收费：<b>免费</b></td></tr></table>
                </article></body></html>
                """);

        Document d = reader.read(root, page);

        assertThat(d.passages()).singleElement().extracting(Passage::text).isEqualTo(String.join("\n",
                "申请居住证需要准备下列材料，并到居住地派出所办理。", "居民身份证原件", "租赁合同或者房屋产权证明",
                "近期照片", "白底证件照两张", "办理时限：十五个工作日", "收费：免费"));
    }

    @Test
    void rejectsHtmlPageWithoutBodyText() throws Exception {
        Path page = Files.writeString(root.resolve("空白页.html"),
                "<html><head><title>空白页_示例市人民政府</title></head><body>  </body></html>");

        assertThatThrownBy(() -> reader.read(root, page))
                .isInstanceOf(ParseException.class)
                .hasMessage(root.getFileName() + "/空白页.html: no page body found (no <body> text)");
    }

    @Test
    void decodesGb18030File() throws Exception {
        Path file = root.resolve("旧网站通知.txt");
        Files.write(file, HOTLINE.getBytes(Charset.forName("GB18030")));

        Document d = reader.read(root, file);

        assertThat(d.title()).isEqualTo("示例市便民热线使用说明");
        assertThat(d.passages().get(1).text()).isEqualTo("热线全天24小时有人工接听。");
    }

    @Test
    void stripsByteOrderMark() throws Exception {
        Path file = Files.writeString(root.resolve("带BOM.md"), "\uFEFF# 示例通知\n\n请各单位按时报送材料。\n");

        assertThat(reader.read(root, file).title()).isEqualTo("示例通知");
    }

    @Test
    void rejectsEmptyFile() throws Exception {
        Path file = Files.writeString(root.resolve("空文件.txt"), " \n\n");

        assertThatThrownBy(() -> reader.read(root, file))
                .isInstanceOf(ParseException.class)
                .hasMessage(root.getFileName() + "/空文件.txt: the file is empty");
    }

    @Test
    void rejectsDocumentWithNothingAfterTheTitle() throws Exception {
        Path file = Files.writeString(root.resolve("只有标题.md"), "# 示例通知\n");

        assertThatThrownBy(() -> reader.read(root, file))
                .isInstanceOf(ParseException.class)
                .hasMessage(root.getFileName() + "/只有标题.md: no text after the title: nothing to cite");
    }

    @Test
    void acceptsDocumentFormatsButNotFolderIndexesOrSidecars() {
        assertThat(DocumentReader.accepts(Path.of("a/规定.md"))).isTrue();
        assertThat(DocumentReader.accepts(Path.of("a/说明.txt"))).isTrue();
        assertThat(DocumentReader.accepts(Path.of("a/解读.html"))).isTrue();
        assertThat(DocumentReader.accepts(Path.of("a/解读.HTM"))).isTrue();
        assertThat(DocumentReader.accepts(Path.of("a/_index.md"))).isFalse();
        assertThat(DocumentReader.accepts(Path.of("a/README.md"))).isFalse();
        assertThat(DocumentReader.accepts(Path.of("a/.hidden.md"))).isFalse();
        assertThat(DocumentReader.accepts(Path.of("a/解读.html.meta.yaml"))).isFalse();
        assertThat(DocumentReader.accepts(Path.of("a/扫描件.pdf"))).isFalse();
    }
}
