package org.wenzheng.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EnglishWordsTest {
    @Test
    void findsTheWordsOfAnEnglishMessageInAChineseSentence() {
        assertThat(EnglishWords.in("问题无法提交：question must be at most 500 characters, got 640"))
                .containsExactly("question", "must", "most", "characters", "got");
    }

    @Test
    void letsCodesAddressesLinksAndTicketCodesThrough() {
        assertThat(EnglishWords.in("工单 WZ-20261120-0102 已答复，答复已发送至 zhang.san@example.com；"
                + "原文见 https://www.example.gov.cn/zwgk/2025.html（PDF，另有 CSV 与 API）。")).isEmpty();
    }

    @Test
    void letsThePagesOwnNamesThroughWhenTheTestNamesThem() {
        assertThat(EnglishWords.in("主持人（演示）（moderator）", "moderator")).isEmpty();
        assertThat(EnglishWords.in("主持人（演示）（moderator）")).containsExactly("moderator");
    }
}
