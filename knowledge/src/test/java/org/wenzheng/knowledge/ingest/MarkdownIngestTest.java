package org.wenzheng.knowledge.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wenzheng.knowledge.Document;
import org.wenzheng.knowledge.DocumentMetadata;
import org.wenzheng.knowledge.DocumentStatus;
import org.wenzheng.knowledge.Passage;
import org.wenzheng.knowledge.SearchHit;

/** Markdown documents: the national laws layout, front matter, sidecars and file-name dates. */
class MarkdownIngestTest {
    private static final String LAW = """
            # 中华人民共和国示例水资源保护法

            1998年3月2日 第九届全国人民代表大会常务委员会第一次会议通过

            2015年4月24日 第十二届全国人民代表大会常务委员会第十四次会议修正

            <!-- INFO END -->

            ## 第一章 总则

            第一条 为了合理开发、利用和保护水资源，防治水害，制定本法。

            ## 第二章 水资源规划

            ### 第一节 一般规定

            第十条 国家制定全国水资源战略规划。

            第十条之一 开发、利用水资源，应当服从防洪的总体安排。

            第十一条 规划一经批准，必须严格执行。

            经批准的规划需要修改时，必须按照规划编制程序经原批准机关批准。

            ### 第二节 用水管理

            第十二条 国家对用水实行总量控制和定额管理相结合的制度。
            """;

    @TempDir
    Path root;

    private final DocumentReader reader = new DocumentReader();

    @Test
    void readsLawTitleAndInfoBlockDateAndIssuer() throws Exception {
        Document d = read("水资源保护法.md", LAW);

        assertThat(d.title()).isEqualTo("中华人民共和国示例水资源保护法");
        assertThat(d.metadata().date()).isEqualTo(LocalDate.of(2015, 4, 24));
        assertThat(d.metadata().issuer()).isEqualTo("全国人民代表大会常务委员会");
        assertThat(d.source()).isEqualTo(root.getFileName() + "/水资源保护法.md");
    }

    @Test
    void splitsArticlesWithTheirChapterPath() throws Exception {
        Document d = read("水资源保护法.md", LAW);

        assertThat(d.passages()).extracting(Passage::label)
                .containsExactly("第一条", "第十条", "第十条之一", "第十一条", "第十二条");
        assertThat(d.passages()).extracting(Passage::chapter).containsExactly(
                "第一章 总则",
                "第二章 水资源规划 / 第一节 一般规定",
                "第二章 水资源规划 / 第一节 一般规定",
                "第二章 水资源规划 / 第一节 一般规定",
                "第二章 水资源规划 / 第二节 用水管理");
        assertThat(d.passages()).extracting(Passage::kind).containsOnly(SearchHit.Kind.ARTICLE);
        assertThat(d.passages().get(0).text()).isEqualTo("为了合理开发、利用和保护水资源，防治水害，制定本法。");
    }

    @Test
    void keepsEveryParagraphOfAMultiParagraphArticle() throws Exception {
        Document d = read("水资源保护法.md", LAW);

        assertThat(d.passages().get(3).text())
                .isEqualTo("规划一经批准，必须严格执行。\n经批准的规划需要修改时，必须按照规划编制程序经原批准机关批准。");
    }

    @Test
    void startsTheChapterPathOfACivilCodePartWithThePart() throws Exception {
        Document d = read("民法典/物权编.md", """
                # 中华人民共和国民法典

                # 物权编

                2020年5月28日 第十三届全国人民代表大会第三次会议通过

                <!-- INFO END -->

                ## 第一分编 通则

                ### 第一章 一般规定

                第二百零五条 本编调整因物的归属和利用产生的民事关系。

                第二百零六条 国家坚持和完善社会主义基本经济制度。
                """);

        assertThat(d.title()).isEqualTo("中华人民共和国民法典");
        assertThat(d.passages()).extracting(Passage::chapter)
                .containsOnly("物权编 / 第一分编 通则 / 第一章 一般规定");
        assertThat(d.metadata().issuer()).isEqualTo("全国人民代表大会");
        assertThat(d.metadata().date()).isEqualTo(LocalDate.of(2020, 5, 28));
    }

    @Test
    void readsEveryFrontMatterKey() throws Exception {
        Document d = read("便民热线管理规定.md", """
                ---
                docNumber: 示例办发〔2024〕7号
                issuer: 示例市人民政府办公室
                date: 2024-03-15
                category: 政策文件
                status: 已废止
                url: https://www.example.gov.cn/zcwj/2024-7.html
                ---
                # 示例市便民服务热线管理规定

                ## 一、适用范围

                本规定适用于本市12345便民服务热线的受理、转办和回访工作。
                """);

        assertThat(d.title()).isEqualTo("示例市便民服务热线管理规定");
        assertThat(d.metadata()).isEqualTo(new DocumentMetadata("示例办发〔2024〕7号", "示例市人民政府办公室",
                LocalDate.of(2024, 3, 15), "政策文件", DocumentStatus.REPEALED,
                "https://www.example.gov.cn/zcwj/2024-7.html"));
        assertThat(d.passages()).singleElement().satisfies(p -> {
            assertThat(p.label()).isEqualTo("一、适用范围");
            assertThat(p.text()).isEqualTo("本规定适用于本市12345便民服务热线的受理、转办和回访工作。");
            assertThat(p.kind()).isEqualTo(SearchHit.Kind.SECTION);
        });
    }

    @Test
    void rejectsUnknownFrontMatterKeyNamingIt() throws Exception {
        write("作者.md", """
                ---
                author: 张三
                ---
                # 示例通知

                正文。
                """);

        assertThatThrownBy(() -> reader.read(root, root.resolve("作者.md")))
                .isInstanceOf(ParseException.class)
                .hasMessageContaining("作者.md:2")
                .hasMessageContaining("unknown metadata key 'author'");
    }

    @Test
    void rejectsBadFrontMatterDateNamingTheField() throws Exception {
        write("日期.md", """
                ---
                date: 2024-13-45
                ---
                # 示例通知

                正文。
                """);

        assertThatThrownBy(() -> reader.read(root, root.resolve("日期.md")))
                .isInstanceOf(ParseException.class)
                .hasMessageContaining("日期.md")
                .hasMessageContaining("'date'")
                .hasMessageContaining("2024-13-45");
    }

    @Test
    void rejectsUnclosedFrontMatterWithItsLine() throws Exception {
        write("未闭合.md", """
                ---
                issuer: 示例市人民政府
                # 示例通知

                正文。
                """);

        assertThatThrownBy(() -> reader.read(root, root.resolve("未闭合.md")))
                .isInstanceOf(ParseException.class)
                .hasMessage(root.getFileName() + "/未闭合.md:1: front matter opened with '---' is never closed");
    }

    @Test
    void sidecarMetadataOverridesFrontMatterFieldByField() throws Exception {
        write("通知.md", """
                ---
                docNumber: 示例办发〔2023〕1号
                issuer: 示例市人民政府
                date: 2023-01-10
                ---
                # 示例市关于做好春节期间安全工作的通知

                各区人民政府，市政府各部门：做好春节期间安全工作。
                """);
        write("通知.md.meta.yaml", """
                issuer: 示例市人民政府办公室
                url: https://www.example.gov.cn/tz/2023-1.html
                status: 有效
                """);

        Document d = reader.read(root, root.resolve("通知.md"));

        assertThat(d.metadata()).isEqualTo(new DocumentMetadata("示例办发〔2023〕1号", "示例市人民政府办公室",
                LocalDate.of(2023, 1, 10), "", DocumentStatus.IN_FORCE, "https://www.example.gov.cn/tz/2023-1.html"));
    }

    @Test
    void takesTheVersionDateFromTheFileName() throws Exception {
        Document d = read("人口与计划生育法(2021-08-20).md", """
                # 中华人民共和国人口与计划生育法

                2001年12月29日 第九届全国人民代表大会常务委员会第二十五次会议通过

                2015年12月27日 第十二届全国人民代表大会常务委员会第十八次会议修正

                <!-- INFO END -->

                第一条 为了实现人口与经济、社会协调发展，制定本法。

                第二条 我国是人口众多的国家。
                """);

        assertThat(d.metadata().date()).isEqualTo(LocalDate.of(2021, 8, 20));
    }

    @Test
    void rejectsFileWithoutTitleLine() throws Exception {
        write("无标题.md", "\n\n这份文件没有标题行。\n");

        assertThatThrownBy(() -> reader.read(root, root.resolve("无标题.md")))
                .isInstanceOf(ParseException.class)
                .hasMessage(root.getFileName() + "/无标题.md:3: expected a title line starting with '# '");
    }

    private Document read(String name, String content) throws Exception {
        return reader.read(root, write(name, content));
    }

    private Path write(String name, String content) throws IOException {
        Path file = root.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }
}
