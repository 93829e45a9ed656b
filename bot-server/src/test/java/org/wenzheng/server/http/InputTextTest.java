package org.wenzheng.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InputTextTest {
    @Test
    void cleaningRemovesControlFormatAndReplacementCharactersAndLoneSurrogates() {
        assertThat(InputText.clean("信\u0000息\u0001公\u200B开\u200C\u200D\u2060\uFEFF\uFFFD\u202E\u2066\u061C\u00AD"
                + "\u007F\u0085\uD800？\uDC00")).isEqualTo("信息公开？");
    }

    @Test
    void cleaningKeepsWhatPeopleType() {
        String typed = "如何申请 政府信息公开？\n第二行\tTab　全角空格 😀 \uE000 Ａ１ café";
        assertThat(InputText.clean(typed)).isSameAs(typed);
    }

    @Test
    void aNameMayNotHoldControlsBidiControlsOrLineBreaks() {
        assertThat(InputText.forbiddenInName("报告.md")).isEmpty();
        assertThat(InputText.forbiddenInName("报告\u202Edm.txt")).hasValue(0x202E);
        assertThat(InputText.forbiddenInName("a\tb.md")).hasValue('\t');
        assertThat(InputText.forbiddenInName("a\u200Bb.md")).hasValue(0x200B);
        assertThat(InputText.describe(0x202E)).isEqualTo("U+202E");
    }
}
