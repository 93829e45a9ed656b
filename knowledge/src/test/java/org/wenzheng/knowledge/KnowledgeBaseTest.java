package org.wenzheng.knowledge;

import org.wenzheng.knowledge.engine.KnowledgeBases;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Search and answers over the five-document {@link LawFixture}. */
class KnowledgeBaseTest {
    @TempDir
    static Path dir;

    private static LawFixture fixture;

    private KnowledgeBase kb;

    @BeforeAll
    static void buildIndex() throws Exception {
        fixture = LawFixture.write(dir);
        KnowledgeBases.index(fixture.config(), p -> { }, false);
    }

    /** A fresh engine per test: learning and FAQ changes must not leak between tests. */
    @BeforeEach
    void open() throws Exception {
        kb = KnowledgeBases.open(fixture.config());
    }

    @AfterEach
    void close() throws Exception {
        kb.close();
    }

    @Test
    void findsTheRightArticleFirstWithHighlightedQueryWords() {
        List<SearchHit> hits = kb.search("试用期工资", 5);

        SearchHit top = hits.get(0);
        assertThat(top.kind()).isEqualTo(SearchHit.Kind.ARTICLE);
        assertThat(top.citation().articleKey()).isEqualTo("劳动合同法第二十条");
        assertThat(top.citation().chapter()).isEqualTo("第二章 劳动合同的订立");
        assertThat(top.text()).startsWith("劳动者在试用期的工资不得低于");
        assertHighlighted(top.snippet(), "试用期", "工资");
    }

    @Test
    void ranksHitsBestFirst() {
        List<SearchHit> hits = kb.search("试用期工资", 5);

        assertThat(hits).hasSizeGreaterThan(1);
        assertThat(hits).extracting(SearchHit::score).isSortedAccordingTo((a, b) -> Double.compare(b, a));
    }

    @Test
    void findsTheLandlordArticleForAColloquialQuestionThanksToSynonyms() throws Exception {
        String question = "房东不退押金怎么办";

        SearchHit top = kb.search(question, 3).get(0);

        assertThat(top.citation().title()).isEqualTo(LawFixture.RENTAL_TITLE);
        assertThat(top.citation().article()).isEqualTo(LawFixture.DEPOSIT_ARTICLE);
        assertThat(top.citation().status()).isEqualTo(DocumentStatus.IN_FORCE);
        assertThat(top.text()).contains("出租人", "退还押金");
        assertHighlighted(top.snippet(), "出租人", "押金");

        KnowledgeConfig withoutSynonyms = KnowledgeConfig.of(fixture.config().indexDir(), List.of(fixture.docs()),
                List.of(), null, dir.resolve("stopwords.txt"));
        try (KnowledgeBase plain = KnowledgeBases.open(withoutSynonyms)) {
            assertThat(plain.search(question, 3).get(0).citation().article())
                    .as("without 房东 => 出租人 the 押金 article without 出租人 wins")
                    .isNotEqualTo(LawFixture.DEPOSIT_ARTICLE);
        }
    }

    @Test
    void putsTheArticleNamedInTheQuestionFirst() {
        SearchHit top = kb.search("劳动合同法第三十九条是什么", 5).get(0);

        assertThat(top.citation().title()).isEqualTo(LawFixture.LABOUR_TITLE);
        assertThat(top.citation().article()).isEqualTo("第三十九条");
    }

    @Test
    void readsArabicArticleNumbersInTheQuestion() {
        SearchHit top = kb.search("劳动合同法第39条", 5).get(0);

        assertThat(top.citation().articleKey()).isEqualTo("劳动合同法第三十九条");
    }

    @Test
    void findsTheArticlesAnOfficersAnswerCitesInTheOrderCitedAndInForceOnly() {
        List<Citation> cited = kb.citedArticles("您好！根据《中华人民共和国劳动合同法》第三十八条第一款、第四十七条的规定，"
                + "单位拖欠劳动报酬的，您可以解除劳动合同并要求经济补偿；另见劳动合同法第39条和第九十九条。"
                + "押金问题请参照示例市住房租赁管理办法第十二条。");

        assertThat(cited).extracting(Citation::articleKey).containsExactly("劳动合同法第三十八条", "劳动合同法第四十七条",
                "劳动合同法第三十九条", "示例市住房租赁管理办法第十二条");
        assertThat(cited.get(0).title()).isEqualTo(LawFixture.LABOUR_TITLE);
        assertThat(cited.get(3).status()).as("the version in force, not the superseded one")
                .isEqualTo(DocumentStatus.IN_FORCE);
        assertThat(cited.get(3).docNumber()).isEqualTo("示例府令第9号");
        assertThat(kb.citedArticles("单位拖欠工资怎么办")).isEmpty();
    }

    @Test
    void answersANamedArticleWithItsCitation() {
        Answer answer = kb.answer("劳动合同法第三十九条是什么");

        assertThat(answer.answered()).isTrue();
        assertThat(answer.confidence()).isGreaterThanOrEqualTo(KnowledgeConfig.DEFAULT_ANSWER_THRESHOLD);
        assertThat(answer.source()).isEqualTo(SearchHit.Kind.ARTICLE);
        assertThat(answer.citations()).singleElement().satisfies(c -> {
            assertThat(c.display()).isEqualTo("《中华人民共和国劳动合同法》第三十九条（全国人民代表大会常务委员会，2012-12-28，有效）");
            assertThat(c.status()).isEqualTo(DocumentStatus.IN_FORCE);
        });
        assertThat(answer.text()).startsWith("劳动者有下列情形之一的，用人单位可以解除劳动合同：");
    }

    @Test
    void neverReturnsTheAmendedVersion() {
        // 租赁登记备案证明 is only in the 2019 version, which the 2023 version replaced.
        List<SearchHit> oldOnly = kb.search("租赁登记备案证明", 20);
        List<SearchHit> both = kb.search("出租人退还押金", 20);
        Answer answer = kb.answer("出租人应当在几日内退还押金");

        for (SearchHit h : Stream.of(oldOnly, both, answer.candidates()).flatMap(List::stream).toList()) {
            assertThat(h.citation().status()).isEqualTo(DocumentStatus.IN_FORCE);
            assertThat(h.text()).doesNotContain("租赁登记备案证明", "十日内退还押金");
        }
        SearchHit rule = both.stream().filter(h -> h.citation().title().equals(LawFixture.RENTAL_TITLE)).findFirst()
                .orElseThrow();
        assertThat(rule.citation().date()).hasToString("2023-09-01");
        assertThat(rule.citation().docNumber()).isEqualTo("示例府令第9号");
        assertThat(answer.citations()).allSatisfy(c -> assertThat(c.status()).isEqualTo(DocumentStatus.IN_FORCE));
    }

    @Test
    void opensAWholeDocumentWithItsPassagesInOrder() {
        SearchHit hit = kb.search("劳动合同法第三十九条", 1).get(0);

        Document law = kb.document(hit.citation().documentId()).orElseThrow();

        assertThat(law.title()).isEqualTo(LawFixture.LABOUR_TITLE);
        assertThat(law.source()).isEqualTo("laws/社会法/劳动合同法(2012-12-28).md");
        assertThat(law.metadata().status()).isEqualTo(DocumentStatus.IN_FORCE);
        assertThat(law.passages()).extracting(Passage::label).containsExactly(
                "第一条", "第二条", "第十条", "第十九条", "第二十条", "第三十六条", "第三十七条", "第三十八条",
                "第三十九条", "第四十七条");
        assertThat(law.passages().get(3).text()).isEqualTo(
                "劳动合同期限三个月以上不满一年的，试用期不得超过一个月；劳动合同期限一年以上不满三年的，试用期不得超过二个月；"
                        + "三年以上固定期限和无固定期限的劳动合同，试用期不得超过六个月。\n同一用人单位与同一劳动者只能约定一次试用期。");
        assertThat(law.passages()).extracting(Passage::id).contains(hit.citation().passageId());
    }

    @Test
    void findsNoDocumentForAnUnknownId() {
        assertThat(kb.document("000000000000")).isEmpty();
    }

    @Test
    void rejectsSearchLimitOutOfRange() {
        assertThatThrownBy(() -> kb.search("押金", 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("limit must be in [1, 100]: 0");
        assertThatThrownBy(() -> kb.search("押金", KnowledgeConfig.DEFAULT_MAX_RESULTS + 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("limit must be in [1, 100]: 101");
    }

    @Test
    void acceptsSearchLimitAtTheBounds() {
        assertThat(kb.search("押金", 1)).hasSize(1);
        assertThat(kb.search("押金", KnowledgeConfig.DEFAULT_MAX_RESULTS)).isNotEmpty();
    }

    @Test
    void rejectsBlankQuestion() {
        assertThatThrownBy(() -> kb.answer("  \n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the question is empty");
        assertThatThrownBy(() -> kb.search("", 5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the question is empty");
    }

    @Test
    void rejectsQuestionLongerThanTheLimit() {
        String tooLong = "押".repeat(KnowledgeConfig.DEFAULT_MAX_QUESTION_CHARS + 1);

        assertThatThrownBy(() -> kb.answer(tooLong))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the question is longer than 500 characters (501)");
        assertThatThrownBy(() -> kb.search(tooLong, 5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("longer than 500");
        assertThat(kb.search("押".repeat(KnowledgeConfig.DEFAULT_MAX_QUESTION_CHARS), 5)).isNotNull();
    }

    @Test
    void learnsToRankTheArticleThatAnsweredAParaphrasedQuestion() {
        String question = "公司没给我交社保我能走人吗";
        assertThat(kb.search(question, 5).stream().findFirst().map(h -> h.citation().articleKey()))
                .as("precondition: the paraphrase does not find the article by itself")
                .isNotEqualTo(java.util.Optional.of("劳动合同法第三十八条"));

        kb.learn(List.of(new AnsweredQuestion(question, List.of("劳动合同法第三十八条"))));

        assertThat(kb.search(question, 5).get(0).citation().articleKey()).isEqualTo("劳动合同法第三十八条");
        assertThat(kb.stats().answeredQuestions()).isEqualTo(1);
    }

    @Test
    void anFaqAnswerCitesTheArticlesItsSourcesNameWithTheirDocumentNumberAndTheVersionInForce() {
        kb.putFaq(List.of(new FaqEntry("faq-deposit", "租房押金多久退？", List.of("房东多久要退押金"),
                "租赁合同期满或者解除后，出租人应当在承租人返还房屋之日起三日内退还押金。",
                List.of("本网站《住房租赁管理办法》第十二条", "《中华人民共和国劳动合同法》第二十条",
                        "《示例市住房租赁管理办法》", "《不存在的条例》第一条", "房东协会的建议"), "住建局")));

        Answer answer = kb.answer("房东多久要退押金");

        assertThat(answer.answered()).isTrue();
        assertThat(answer.citations()).hasSize(4);
        assertThat(answer.citations().get(0).passageId()).isEqualTo("faq-deposit");
        // 住房租赁管理办法 is the office's 示例市住房租赁管理办法; of its two versions, the one in force.
        Citation deposit = answer.citations().get(1);
        assertThat(deposit.articleKey()).isEqualTo(LawFixture.RENTAL_TITLE + LawFixture.DEPOSIT_ARTICLE);
        assertThat(deposit.docNumber()).isEqualTo("示例府令第9号");
        assertThat(deposit.status()).isEqualTo(DocumentStatus.IN_FORCE);
        assertThat(answer.citations().get(2).articleKey()).isEqualTo("劳动合同法第二十条");
        // A source naming the document only cites the document, without an article.
        Citation whole = answer.citations().get(3);
        assertThat(whole.title()).isEqualTo(LawFixture.RENTAL_TITLE);
        assertThat(whole.article()).isEmpty();
        assertThat(whole.docNumber()).isEqualTo("示例府令第9号");
        assertThat(kb.unresolvedFaqSources()).containsExactly("faq-deposit: 《不存在的条例》第一条",
                "faq-deposit: 房东协会的建议");
    }

    @Test
    void answersAQuestionFromAnFaqAddedAtRunTime() {
        String question = "劳动仲裁要交钱吗";
        assertThat(kb.answer(question).answered()).as("precondition: no document answers it").isFalse();

        kb.putFaq(List.of(new FaqEntry("faq-arbitration-fee", "申请劳动仲裁要交费吗？",
                List.of("劳动仲裁收不收费"), "劳动人事争议仲裁不收费，仲裁委员会的经费由财政保障。",
                List.of("《中华人民共和国劳动争议调解仲裁法》第五十三条"), "人社局")));

        Answer answer = kb.answer(question);
        assertThat(answer.answered()).isTrue();
        assertThat(answer.source()).isEqualTo(SearchHit.Kind.FAQ);
        assertThat(answer.confidence()).isGreaterThanOrEqualTo(KnowledgeConfig.DEFAULT_ANSWER_THRESHOLD);
        assertThat(answer.text()).isEqualTo(
                "劳动人事争议仲裁不收费，仲裁委员会的经费由财政保障。\n依据：《中华人民共和国劳动争议调解仲裁法》第五十三条");
        assertThat(answer.citations()).singleElement().satisfies(c -> {
            assertThat(c.title()).isEqualTo("常见问题：申请劳动仲裁要交费吗？");
            assertThat(c.passageId()).isEqualTo("faq-arbitration-fee");
            assertThat(c.issuer()).isEqualTo("人社局");
        });
        assertThat(kb.stats().faqEntries()).isEqualTo(1);
    }

    @Test
    void replacesAnFaqEntryWithTheSameId() {
        FaqEntry first = new FaqEntry("faq-1", "申请劳动仲裁要交费吗？", List.of(), "旧答案。", List.of(), "");
        FaqEntry second = new FaqEntry("faq-1", "申请劳动仲裁要交费吗？", List.of(), "新答案。", List.of(), "");

        kb.putFaq(List.of(first));
        kb.putFaq(List.of(second));

        assertThat(kb.stats().faqEntries()).isEqualTo(1);
        assertThat(kb.answer("申请劳动仲裁要交费吗").text()).isEqualTo("新答案。");
    }

    @Test
    void countsWhatIsLoaded() {
        KnowledgeBase.Stats stats = kb.stats();

        assertThat(stats.documents()).isEqualTo(5);
        assertThat(stats.passages()).isEqualTo(29);
        assertThat(stats.faqEntries()).isZero();
        assertThat(stats.answeredQuestions()).isZero();
    }

    @Test
    void refusesToOpenWithAMissingFaqFile() {
        Path missing = dir.resolve("没有的faq.yaml");
        KnowledgeConfig config = KnowledgeConfig.of(fixture.config().indexDir(), List.of(fixture.docs()),
                List.of(missing), null, null);

        assertThatThrownBy(() -> KnowledgeBases.open(config))
                .isInstanceOf(IOException.class)
                .hasMessage("FAQ file does not exist: " + missing);
    }

    @Test
    void refusesToOpenWithABadSynonymLineNamingFileAndLine() throws Exception {
        Path synonyms = Files.writeString(dir.resolve("bad-synonyms.txt"), "房东 => 出租人\n老公 配偶\n");
        KnowledgeConfig config = KnowledgeConfig.of(fixture.config().indexDir(), List.of(fixture.docs()), List.of(),
                synonyms, null);

        assertThatThrownBy(() -> KnowledgeBases.open(config))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(synonyms + ":2: ");
    }

    /** Each word lies inside one highlighted range of the snippet. */
    private static void assertHighlighted(Snippet snippet, String... words) {
        List<String> marked = snippet.highlights().stream()
                .map(h -> snippet.text().substring(h.start(), h.end())).toList();
        for (String w : words) {
            assertThat(marked).as("highlights of %s", snippet.text()).anySatisfy(m -> assertThat(m).contains(w));
        }
    }
}
