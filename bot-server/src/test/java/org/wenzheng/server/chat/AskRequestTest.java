package org.wenzheng.server.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.junit.jupiter.api.Test;
import org.wenzheng.server.http.ApiException;
import org.wenzheng.server.http.Json;

class AskRequestTest {
    private static final int MAX = 10;

    private static ObjectNode body(String json) throws Exception {
        return (ObjectNode) Json.MAPPER.readTree(json);
    }

    private static void refused(String json, String message) {
        assertThatThrownBy(() -> AskRequest.parse(body(json), MAX))
                .isInstanceOf(ApiException.class)
                .hasMessage(message)
                .satisfies(e -> {
                    assertThat(((ApiException) e).status()).isEqualTo(HttpResponseStatus.BAD_REQUEST);
                    assertThat(((ApiException) e).code()).isEqualTo("invalid_field");
                });
    }

    @Test
    void readsAllFields() throws Exception {
        AskRequest r = AskRequest.parse(body("{\"question\":\"如何申请\",\"channel\":\"hotline\",\"session\":\"a-B_9\"}"), MAX);

        assertThat(r.question()).isEqualTo("如何申请");
        assertThat(r.channel()).isEqualTo(AskRequest.Channel.HOTLINE);
        assertThat(r.session()).isEqualTo("a-B_9");
    }

    @Test
    void channelDefaultsToApiAndSessionToNone() throws Exception {
        AskRequest r = AskRequest.parse(body("{\"question\":\"如何申请\"}"), MAX);

        assertThat(r.channel()).isEqualTo(AskRequest.Channel.API);
        assertThat(r.session()).isNull();
    }

    @Test
    void theQuestionIsRequiredAndMustBeNonBlankText() {
        refused("{}", "请填写问题");
        refused("{\"question\":null}", "请填写问题");
        refused("{\"question\":42}", "问题必须是文字");
        refused("{\"question\":\" \\n\"}", "请填写问题");
    }

    @Test
    void theQuestionMayBeExactlyTheLimitButNotLonger() throws Exception {
        assertThat(AskRequest.parse(body("{\"question\":\"" + "问".repeat(MAX) + "\"}"), MAX).question()).hasSize(MAX);
        refused("{\"question\":\"" + "问".repeat(MAX + 1) + "\"}", "问题最多 10 个字，您输入了 11 个字，请精简后再提问");
    }

    @Test
    void theChannelIsOneOfTheFour() throws Exception {
        for (String c : new String[] {"web", "hotline", "interview", "api"}) {
            assertThat(AskRequest.parse(body("{\"question\":\"q\",\"channel\":\"" + c + "\"}"), MAX).channel().id())
                    .isEqualTo(c);
        }
        refused("{\"question\":\"q\",\"channel\":\"WEB\"}", "来源渠道无效：须为 web、hotline、interview、api 之一");
        refused("{\"question\":\"q\",\"channel\":\"fax\"}", "来源渠道无效：须为 web、hotline、interview、api 之一");
        refused("{\"question\":\"q\",\"channel\":1}", "channel must be a string");
    }

    @Test
    void theSessionIsAShortSafeId() throws Exception {
        String longest = "s".repeat(AskRequest.MAX_SESSION_CHARS);
        assertThat(AskRequest.parse(body("{\"question\":\"q\",\"session\":\"" + longest + "\"}"), MAX).session())
                .isEqualTo(longest);
        String message = "会话编号无效：须为 1 到 64 个英文字母、数字、“_”或“-”，请刷新页面后重试";
        refused("{\"question\":\"q\",\"session\":\"" + longest + "s\"}", message);
        refused("{\"question\":\"q\",\"session\":\"\"}", message);
        refused("{\"question\":\"q\",\"session\":\"a b\"}", message);
        refused("{\"question\":\"q\",\"session\":\"<script>\"}", message);
    }
}
