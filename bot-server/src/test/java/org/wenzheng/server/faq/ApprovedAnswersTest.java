package org.wenzheng.server.faq;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.wenzheng.knowledge.AnsweredQuestion;

/** What an approved FAQ proposal teaches the engine: each phrasing, answered by the articles it cites. */
class ApprovedAnswersTest {
    private static FaqProposal approved(List<String> alternatives, String citationsJson) {
        return new FaqProposal(7, "WZ-20261120-0001", "公园划船最晚玩到几点", alternatives, "每天九点到十八点。",
                citationsJson, "office", FaqProposal.Status.APPROVED, Instant.EPOCH, "boss", Instant.EPOCH,
                "proposal-7", null);
    }

    @Test
    void everyPhrasingIsAnsweredByTheCitedArticlesKeyedWithoutThePrcPrefix() {
        List<AnsweredQuestion> answered = ApprovedAnswers.answered(FaqReviewApi.entry(approved(
                List.of("晚上还能划船吗"),
                "[{\"title\":\"中华人民共和国劳动合同法\",\"article\":\"第三十八条\"},"
                        + "\"《示例市公园游览服务规范》第三条\","
                        + "{\"title\":\"中华人民共和国劳动合同法\",\"article\":\"第三十八条\"}]")));

        assertThat(answered).containsExactly(
                new AnsweredQuestion("公园划船最晚玩到几点", List.of("劳动合同法第三十八条", "示例市公园游览服务规范第三条")),
                new AnsweredQuestion("晚上还能划船吗", List.of("劳动合同法第三十八条", "示例市公园游览服务规范第三条")));
    }

    @Test
    void aProposalCitingNoArticleTeachesNothing() {
        assertThat(ApprovedAnswers.answered(FaqReviewApi.entry(approved(List.of(),
                "[{\"title\":\"示例市公园游览服务规范\"}, \"服务指南\"]")))).isEmpty();
        assertThat(ApprovedAnswers.answered(FaqReviewApi.entry(approved(List.of(), "not json")))).isEmpty();
    }
}
