package org.wenzheng.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.wenzheng.app.RepoRoot;
import org.wenzheng.server.tickets.calendar.DeadlineRules;
import org.wenzheng.server.tickets.calendar.TicketType;

/**
 * The days the shipped configuration counts are the days the shipped knowledge base tells citizens:
 * an office that changes one and forgets the other would answer "3 个工作日" and set a deadline of 5.
 * The test reads the documents' own sentences (e.g. "投诉、举报类来信13个工作日内"), not a copy of them.
 */
class DeadlinesAgreeWithTheKnowledgeBaseTest {
    /** "咨询类3个工作日", "建议、求助类事项10个工作日", "投诉、举报类来信13个工作日". */
    private static final Pattern BY_TYPE = Pattern.compile("((?:\\p{IsHan}{2}、)*\\p{IsHan}{2})类(?:事项|来信)?(\\d+)个工作日");
    private static final Pattern DISCLOSURE_ANSWER = Pattern.compile("自收到申请之日起(\\d+)个工作日内答复");
    private static final Pattern DISCLOSURE_EXTENSION = Pattern.compile("(?:最长不得超过|最长不超过)(\\d+)个工作日");
    private static final Pattern DISCLOSURE_CORRECTION = Pattern.compile("收到申请之日起(\\d+)个工作日内一次性告知");

    private static final Path DOCS = RepoRoot.find().resolve("config/knowledge/docs");
    private static final List<String> LETTER_DOCUMENTS = List.of(
            "热线与主任信箱使用说明.txt", "示例市政府信息公开办法(2024-06-15).md");
    private static final List<String> DISCLOSURE_DOCUMENTS = List.of(
            "政府信息公开申请指南.md", "示例市政府信息公开办法(2024-06-15).md");

    private final DeadlineRules configured = AppConfig.load(RepoRoot.find().resolve("config/wenzheng.yaml"),
            "config/wenzheng.yaml", Optional.empty()).deadlines();

    @Test
    void everyLetterTypeGetsTheDaysTheKnowledgeBaseQuotes() throws IOException {
        for (String document : LETTER_DOCUMENTS) {
            Map<TicketType, Integer> quoted = quotedByType(Files.readString(DOCS.resolve(document)));

            assertThat(quoted.keySet()).as("types whose days %s quotes", document).containsExactlyInAnyOrder(
                    TicketType.CONSULTATION, TicketType.SUGGESTION, TicketType.COMPLAINT, TicketType.HELP,
                    TicketType.TIPOFF);
            quoted.forEach((type, days) -> assertThat(configured.limits(type).answerDays())
                    .as("deadlines.%s.answerDays against %s", type.dbName(), document).isEqualTo(days));
        }
    }

    @Test
    void applicationsGetTheDaysTheGuideAndTheMeasuresQuote() throws IOException {
        DeadlineRules.Limits disclosure = configured.limits(TicketType.DISCLOSURE);
        for (String document : DISCLOSURE_DOCUMENTS) {
            String text = Files.readString(DOCS.resolve(document));

            assertThat(only(DISCLOSURE_ANSWER, text)).as("answer days in %s", document)
                    .isEqualTo(disclosure.answerDays());
            assertThat(only(DISCLOSURE_EXTENSION, text)).as("extension days in %s", document)
                    .isEqualTo(disclosure.maxExtensionDays());
            assertThat(only(DISCLOSURE_CORRECTION, text)).as("correction notice days in %s", document)
                    .isEqualTo(disclosure.correctionWithinDays());
        }
    }

    @Test
    void theReaderOfTheDocumentsFindsEachTypeOfAListedSentence() {
        assertThat(quotedByType("咨询类来信3个工作日内；建议、求助类来信10个工作日内；投诉、举报类来信13个工作日内。"))
                .containsExactlyInAnyOrderEntriesOf(Map.of(TicketType.CONSULTATION, 3, TicketType.SUGGESTION, 10,
                        TicketType.HELP, 10, TicketType.COMPLAINT, 13, TicketType.TIPOFF, 13));
    }

    /** Each type's days as the text states them; a type quoted twice with different days fails. */
    private static Map<TicketType, Integer> quotedByType(String text) {
        Map<TicketType, Integer> quoted = new EnumMap<>(TicketType.class);
        Matcher m = BY_TYPE.matcher(text);
        while (m.find()) {
            int days = Integer.parseInt(m.group(2));
            for (String label : m.group(1).split("、")) {
                TicketType type;
                try {
                    type = TicketType.of(label);
                } catch (IllegalArgumentException notALetterType) {
                    continue; // e.g. "公开类"
                }
                Integer before = quoted.put(type, days);
                assertThat(before).as("%s quoted twice", label).isIn(null, days);
            }
        }
        return quoted;
    }

    private static int only(Pattern p, String text) {
        List<Integer> found = new ArrayList<>();
        Matcher m = p.matcher(text);
        while (m.find()) {
            found.add(Integer.parseInt(m.group(1)));
        }
        assertThat(found).as("sentences matching %s", p).isNotEmpty();
        assertThat(found.stream().distinct()).as("days quoted by %s", p).hasSize(1);
        return found.get(0);
    }
}
