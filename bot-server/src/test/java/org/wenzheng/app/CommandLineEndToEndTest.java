package org.wenzheng.app;

import org.wenzheng.app.cli.Environment;
import org.wenzheng.app.cli.Main;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@code wenzheng} command run in-process over the shipped configuration and sample knowledge
 * base, with the data folder in a temporary folder. The working folder holds no configuration, so
 * every run also checks that the configuration is found through the Wenzheng folder.
 */
class CommandLineEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Data folder shared by the tests that only read the index: built once by the first of them. */
    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
        JsonNode json() throws IOException {
            List<String> lines = out.lines().toList();
            return JSON.readTree(lines.get(lines.size() - 1));
        }
    }

    private Run run(Map<String, String> variables, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Environment env = new Environment(dir, Optional.of(RepoRoot.find()), variables, false);
        int code = Main.run(args, env, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    private Run run(String... args) {
        return run(Map.of(), args);
    }

    /** A command over the shared sample index. */
    private Run sample(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--data", shared.toString()));
        return run(all.toArray(String[]::new));
    }

    @Test
    void answersHowToApplyForDisclosureWithACitation() throws IOException {
        Run r = sample("ask", "如何申请政府信息公开", "--json");

        assertThat(r.code()).as(r.err()).isZero();
        JsonNode a = r.json();
        assertThat(a.path("answered").asBoolean()).as(r.out()).isTrue();
        assertThat(a.path("answer").asText()).isNotBlank();
        assertThat(a.path("confidence").asDouble()).isBetween(0.5, 1.0);
        assertThat(a.path("citations")).isNotEmpty();
        JsonNode c = a.path("citations").get(0);
        assertThat(c.path("title").asText()).isNotBlank();
        assertThat(c.path("status").asText()).isEqualTo("有效");
        assertThat(c.has("documentId") && c.has("passageId") && c.has("docNumber") && c.has("url")).isTrue();
        assertThat(a.path("candidates")).isNotEmpty();
    }

    @Test
    void doesNotAnswerAQuestionOutsideTheKnowledgeBase() throws IOException {
        Run r = sample("ask", "今天天气怎么样", "--json");

        assertThat(r.code()).as(r.err()).isZero();
        JsonNode a = r.json();
        assertThat(a.path("answered").asBoolean()).as(r.out()).isFalse();
        assertThat(a.path("answer").asText()).isEmpty();
        assertThat(a.path("citations")).isEmpty();
        assertThat(a.path("confidence").asDouble()).isLessThan(0.5);
    }

    @Test
    void printsAnAnswerWithItsBasisAndConfidence() {
        Run r = sample("ask", "如何申请政府信息公开");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("答：").containsPattern("(依据|来源)：《").containsPattern("置信度：[01]\\.\\d\\d");
    }

    @Test
    void saysInChineseWhenItIsNotConfident() {
        Run r = sample("ask", "今天天气怎么样");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("未能确定答案（置信度 0.");
    }

    @Test
    void searchPrintsRankedHitsWithHighlights() {
        Run r = sample("search", "信息公开", "期限");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("1. 《").contains("\n2. 《").contains("【").contains("】");
        assertThat(r.out()).doesNotContain("\u001b[");
    }

    @Test
    void searchJsonHoldsCitationsSnippetsAndHighlightRanges() throws IOException {
        Run r = sample("search", "依申请公开", "--limit", "3", "--json");

        assertThat(r.code()).as(r.err()).isZero();
        JsonNode hits = r.json().path("hits");
        assertThat(hits).hasSizeBetween(1, 3);
        JsonNode first = hits.get(0);
        assertThat(first.path("rank").asInt()).isEqualTo(1);
        assertThat(first.path("kind").asText()).isIn("ARTICLE", "SECTION", "FAQ");
        assertThat(first.path("citation").path("title").asText()).isNotBlank();
        String snippet = first.path("snippet").path("text").asText();
        JsonNode h = first.path("snippet").path("highlights").get(0);
        assertThat(h.path("end").asInt()).isGreaterThan(h.path("start").asInt()).isLessThanOrEqualTo(snippet.length());
    }

    @Test
    void searchExplainPrintsEverySignalsPartInEachScore() {
        Run r = sample("search", "--explain", "--limit", "12", "申请公开", "期限");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("信号", "原始值", "权重", "贡献", "合计", "排序：按总分排序（条文的第一页：前 10 条）");
        for (String signal : List.of("text", "lawMention", "history", "expansion", "lawVotes", "chapterVotes",
                "lawPrior", "namedArticle", "semantic", "meaningVotes")) {
            assertThat(r.out()).containsPattern("\\n   " + signal + " +\\d+\\.\\d{4} +\\d+\\.\\d{2} +\\d+\\.\\d{4}");
        }
        assertThat(r.out()).containsPattern("\\n   text +\\d\\.\\d{4} +1\\.00 +\\d\\.\\d{4}  BM25 ");
        assertThat(sample("search", "申请公开", "期限").out()).doesNotContain("合计", "排序：");
    }

    @Test
    void searchExplainJsonGivesEachHitItsSignalsSummingToItsScore() throws IOException {
        Run r = sample("search", "--explain", "--json", "--limit", "12", "申请公开", "期限");

        assertThat(r.code()).as(r.err()).isZero();
        JsonNode hits = r.json().path("hits");
        assertThat(hits).hasSize(12);
        for (JsonNode hit : hits) {
            JsonNode e = hit.path("explanation");
            double sum = 0;
            for (JsonNode signal : e.path("signals")) {
                assertThat(signal.path("contribution").asDouble())
                        .isEqualTo(signal.path("raw").asDouble() * signal.path("weight").asDouble());
                sum += signal.path("contribution").asDouble();
            }
            assertThat(e.path("total").asDouble()).isEqualTo(sum).isEqualTo(hit.path("score").asDouble());
            assertThat(e.path("order").asText()).isNotBlank();
        }
        JsonNode passage = hits.get(hits.size() - 1).path("explanation").path("signals");
        assertThat(passage).hasSize(10);
        assertThat(passage.get(0).path("signal").asText()).isEqualTo("text");
        assertThat(passage.get(0).path("detail").asText()).startsWith("BM25 ");
        assertThat(sample("search", "--json", "申请公开", "期限").json().path("hits").get(0).has("explanation"))
                .as("a plain search has no explanation").isFalse();
    }

    @Test
    void theFirstQuestionBuildsTheIndexOnStderr() {
        Run r = run("ask", "如何申请政府信息公开", "--data", dir.resolve("data").toString());

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).contains("building the index").contains("indexed ");
        assertThat(r.out()).startsWith("答：");
    }

    @Test
    void indexingTwiceSaysUpToDateTheSecondTime() {
        String data = dir.resolve("data").toString();

        Run first = run("index", "--data", data);
        Run second = run("index", "--data", data);

        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.out()).startsWith("indexed ").contains(" documents, ").contains("passages/s");
        assertThat(first.err()).contains("indexed ").contains("/");
        assertThat(second.code()).isZero();
        assertThat(second.out()).startsWith("index is up to date");
    }

    @Test
    void indexesTheGivenSourceFolderInsteadOfTheConfiguredOnes() throws IOException {
        writeLaws(dir.resolve("laws"));

        Run r = run("index", "--source", dir.resolve("laws").toString(), "--data", dir.resolve("data").toString());
        Run s = run("search", "工作日", "--data", dir.resolve("data").toString());

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("indexed 2 documents, 5 passages");
        assertThat(s.out()).contains("《中华人民共和国示例法》第二条");
    }

    @Test
    void takesTheDataFolderFromTheEnvironment() {
        Path data = dir.resolve("from-env");

        Run r = run(Map.of(Environment.DATA_VARIABLE, data.toString()), "index");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(data.resolve("index")).isDirectory();
    }

    @Test
    void anUnknownFlagIsABadUsageInOneReadableLine() {
        Run r = run("ask", "--frobnicate", "如何申请");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("wenzheng: Unknown option: '--frobnicate'").hasLineCount(1);
    }

    @Test
    void aMissingQuestionIsABadUsage() {
        Run r = run("ask");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("wenzheng: Missing required parameter").hasLineCount(1);
    }

    @Test
    void aLimitOutOfRangeIsABadInputWithoutStackTrace() {
        Run r = sample("search", "信息公开", "--limit", "0");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("wenzheng: limit must be in [1, 100]: 0\n");
    }

    @Test
    void aMissingConfigurationFileIsNamed() {
        Run r = run("search", "信息公开", "--config", "nowhere.yaml");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("wenzheng: nowhere.yaml: configuration file not found\n");
    }

    @Test
    void verboseShowsTheStackTrace() {
        Run r = run("index", "--source", "no-such-folder", "--data", dir.resolve("data").toString(), "--verbose");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("wenzheng: --source: folder not found: " + dir.resolve("no-such-folder"))
                .contains("\tat org.wenzheng.app.cli.IndexCommand");
    }

    @Test
    void helpAndVersionSucceed() {
        assertThat(run("--help").out()).contains("index", "search", "ask", "eval");
        assertThat(run("ask", "--help").out()).contains("--json", "--config", "--data");
        assertThat(run("--version").out()).startsWith("wenzheng ");
        assertThat(run("--version").code()).isZero();
    }

    @Test
    void evalPrintsTheFiguresAsJsonOnTheLastLine() throws IOException {
        Path laws = dir.resolve("laws");
        writeLaws(laws);
        Path queries = Files.writeString(dir.resolve("q.jsonl"), """
                {"id": 1, "question": "申请政府信息多久答复？", "relevant": ["示例法第二条"]}
                {"id": 2, "question": "个体工商户需要登记吗", "relevant": ["样例条例第一条"]}
                {"id": 3, "question": "可以在网上提交申请吗", "relevant": ["示例法第三条"]}
                """);

        Run r = run("eval", "--corpus", laws.toString(), "--queries", queries.toString(), "--json",
                "--data", dir.resolve("data").toString());

        assertThat(r.code()).as(r.err()).isZero();
        JsonNode m = r.json();
        List<String> keys = new ArrayList<>();
        m.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("queries", "recall@1", "recall@5", "recall@10", "recall@100", "mrr@10",
                "answered", "answered_precision@1");
        assertThat(m.path("queries").asInt()).isEqualTo(3);
        assertThat(m.path("recall@100").asDouble()).isEqualTo(1.0);
        assertThat(dir.resolve("data/eval-index")).isDirectoryContaining(p -> p.getFileName().toString()
                .matches("[0-9a-f]{12}"));
    }

    @Test
    void evalPrintsATableAndComparesWithStockBm25() throws IOException {
        Path laws = dir.resolve("laws");
        writeLaws(laws);
        Path queries = Files.writeString(dir.resolve("q.jsonl"),
                "{\"id\": 1, \"question\": \"个体工商户需要登记吗\", \"relevant\": [\"样例条例第一条\"]}\n");
        String data = dir.resolve("data").toString();

        Run ours = run("eval", "--corpus", laws.toString(), "--queries", queries.toString(), "--data", data);
        Run stock = run("eval", "--corpus", laws.toString(), "--queries", queries.toString(), "--data", data,
                "--baseline", "stock", "--json");

        assertThat(ours.code()).as(ours.err()).isZero();
        assertThat(ours.out()).contains("recall@1").containsPattern("MRR@10 +\\d\\.\\d{3}");
        assertThat(stock.code()).as(stock.err()).isZero();
        assertThat(stock.json().path("recall@1").asDouble()).isEqualTo(1.0);
    }

    @Test
    void evalRejectsAMalformedQuestionsFileNamingTheLine() throws IOException {
        Path laws = dir.resolve("laws");
        writeLaws(laws);
        Path queries = Files.writeString(dir.resolve("q.jsonl"), "{\"question\": \"x\"}\n");

        Run r = run("eval", "--corpus", laws.toString(), "--queries", queries.toString(),
                "--data", dir.resolve("data").toString());

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("wenzheng: --queries: " + queries + ":1:").hasLineCount(1);
    }

    @Test
    void benchRunsBothEnginesAndEndsWithItsJsonLine() throws IOException {
        Path laws = dir.resolve("laws");
        writeLaws(laws);
        Path queries = Files.writeString(dir.resolve("q.jsonl"),
                "{\"id\": 1, \"question\": \"个体工商户需要登记吗\", \"relevant\": [\"样例条例第一条\"]}\n");

        Run r = run("bench", "--corpus", laws.toString(), "--queries", queries.toString(), "--iterations", "1",
                "--data", dir.resolve("data").toString());

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("stock").contains("\nBENCH {");
        assertThat(dir.resolve("data/bench")).isDirectory();
    }

    @Test
    void findsTheConfigurationInTheWorkingFolderFirst() throws IOException {
        Path docs = Files.createDirectories(dir.resolve("config/mine"));
        Files.writeString(docs.resolve("通知.md"), "# 示例通知\n\n本通知自发布之日起施行。\n");
        Files.writeString(dir.resolve("config/wenzheng.yaml"), "data: ../state\nknowledge:\n  sources: [mine]\n");

        Run r = run("index");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("indexed 1 document, ");
        assertThat(dir.resolve("state/index")).isDirectory();
    }

    @Test
    void aBadConfigurationNamesTheFileAndKey() throws IOException {
        Files.createDirectories(dir.resolve("config/docs"));
        Files.writeString(dir.resolve("config/wenzheng.yaml"),
                "data: ../state\nknowledge:\n  sources: [docs]\n  answerThreshold: 1.5\n");

        Run r = run("ask", "你好");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).isEqualTo(
                "wenzheng: config/wenzheng.yaml: knowledge.answerThreshold must be in [0, 1]: 1.5\n");
    }

    @Test
    void serveStopsAtOnceWhenItsDatabaseCannotBeReached() throws IOException {
        Files.createDirectories(dir.resolve("config/docs"));
        Files.writeString(dir.resolve("config/wenzheng.yaml"), "data: ../state\nknowledge:\n  sources: [docs]\n"
                + "server:\n  port: 0\ndatabase:\n  url: jdbc:postgresql://127.0.0.1:1/wenzheng\n"
                + "  user: wenzheng\n  connectionTimeoutMs: 1000\n");

        Run r = run(Map.of("WENZHENG_DB_PASSWORD", "s3cret-from-env"), "serve");

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).startsWith("wenzheng: cannot connect to the database jdbc:postgresql://127.0.0.1:1/wenzheng: ")
                .contains("refused").doesNotContain("s3cret").doesNotContain("\tat ");
        assertThat(r.out()).doesNotContain("listening");
        assertThat(dir.resolve("state/index")).as("stopped before building the index").doesNotExist();
    }

    /** A configuration for serve on a free port with its data folder at {@code state}, beside the working folder's config. */
    private void serveConfig(String data) throws IOException {
        Files.createDirectories(dir.resolve("config/docs"));
        Files.writeString(dir.resolve("config/wenzheng.yaml"), "data: " + data + "\nknowledge:\n  sources: [docs]\n"
                + "  semantic: false\nserver:\n  port: 0\n");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"state", "state/db", "state/index"})
    @Timeout(120)
    void serveStopsAtOnceNamingAFolderItCannotWrite(String readOnly) throws Exception {
        serveConfig("../state");
        Path folder = Files.createDirectories(dir.resolve(readOnly));
        Optional<ReadOnlyFolder> locked = ReadOnlyFolder.of(folder);
        Assumptions.assumeTrue(locked.isPresent(), "neither permissions nor chattr +i make a folder read-only here");
        Run r;
        try (ReadOnlyFolder ignored = locked.get()) {
            r = run("serve");
        }

        assertThat(r.code()).as(r.err()).isEqualTo(1);
        assertThat(r.err()).startsWith("wenzheng: the folder " + folder.toAbsolutePath().normalize()
                + " cannot be written: ").doesNotContain("\tat ");
        assertThat(r.err().lines()).hasSize(1);
        assertThat(r.out()).doesNotContain("listening");
        try (var left = Files.list(folder)) {
            assertThat(left).as("no probe left behind").isEmpty();
        }
    }

    @Test
    @Timeout(120)
    void serveStopsAtOnceWhenTheDataFolderWouldBeMadeInsideAFile() throws Exception {
        Files.writeString(dir.resolve("notes"), "a file, not a folder");
        serveConfig("../notes/state");

        Run r = run("serve");

        assertThat(r.code()).as(r.err()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("wenzheng: the folder " + dir.resolve("notes/state") + " cannot be made: "
                + dir.resolve("notes") + " is a file, not a folder\n");
        assertThat(r.out()).doesNotContain("listening");
    }

    /** Two small laws in the layout of the shared laws corpus. */
    private static void writeLaws(Path root) throws IOException {
        Path folder = Files.createDirectories(root.resolve("行政法"));
        Files.writeString(folder.resolve("示例法(2020-01-01).md"), """
                # 中华人民共和国示例法

                2020年1月1日第十三届全国人民代表大会常务委员会第一次会议通过

                <!-- INFO END -->

                ## 第一章 总则

                第一条 为了规范政府信息公开工作，保障公民依法获取政府信息，制定本法。

                第二条 行政机关应当自收到申请之日起二十个工作日内予以答复。

                第三条 公民可以通过互联网、信函或者当面提交申请。
                """);
        Files.writeString(folder.resolve("样例条例(2021-05-01).md"), """
                # 样例条例

                2021年5月1日国务院令第1号公布

                <!-- INFO END -->

                第一条 个体工商户应当依法办理登记。

                第二条 登记机关应当在十五日内作出是否予以登记的决定。
                """);
    }
}
