package org.wenzheng.server.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.netty.channel.ChannelPipeline;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.wenzheng.server.netty.ConnectionsPerAddress;

/** The origin check and the hand-over to the chat's pipeline, on an {@link EmbeddedChannel}. */
class ChatUpgradeHandlerTest {
    private static final String ALLOWED = "https://wenzheng.example.gov.cn";

    private final List<ChannelPipeline> switched = new ArrayList<>();
    private final ConnectionsPerAddress connections = new ConnectionsPerAddress(2);

    private EmbeddedChannel channel() {
        return new EmbeddedChannel(new ChatUpgradeHandler("127.0.0.1",
                new ChatConfig(List.of(ALLOWED), 1024, 1024, ChatConfig.DEFAULT_IDLE_TIMEOUT,
                        ChatConfig.DEFAULT_RATE_LIMIT).allowedOrigins(), switched::add, connections));
    }

    private static FullHttpRequest get(String uri, String origin) {
        FullHttpRequest r = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, uri);
        if (origin != null) {
            r.headers().set("Origin", origin);
        }
        return r;
    }

    @Test
    void aForeignOriginIsRefusedWith403AndTheConnectionClosed() {
        for (String origin : new String[] {"https://evil.example", "null", null}) {
            EmbeddedChannel ch = channel();
            FullHttpRequest request = get("/ws/chat", origin);

            assertFalse(ch.writeInbound(request));

            FullHttpResponse r = ch.readOutbound();
            try {
                assertThat(r.status().code()).as("origin %s", origin).isEqualTo(403);
                assertThat(r.content().toString(StandardCharsets.UTF_8)).contains("origin_not_allowed");
            } finally {
                r.release();
            }
            assertThat(request.refCnt()).isZero();
            assertThat(ch.isOpen()).isFalse();
            assertThat(switched).isEmpty();
            assertFalse(ch.finish());
        }
    }

    @Test
    void anAllowedOriginSwitchesThePipelineAndPassesTheRequestOn() {
        EmbeddedChannel ch = channel();

        assertThat(ch.writeInbound(get("/ws/chat?v=1", "HTTPS://Wenzheng.Example.gov.cn"))).isTrue();

        assertThat(switched).hasSize(1);
        assertThat(ch.pipeline().get(ChatUpgradeHandler.class)).as("steps aside once done").isNull();
        FullHttpRequest passed = ch.readInbound();
        passed.release();
        assertFalse(ch.finish());
    }

    @Test
    void anAddressOverItsCapIsRefusedWith429UntilOneOfItsChatsCloses() {
        List<EmbeddedChannel> admitted = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            EmbeddedChannel ch = channel();
            assertThat(ch.writeInbound(get("/ws/chat", ALLOWED))).isTrue();
            ((FullHttpRequest) ch.readInbound()).release();
            admitted.add(ch);
        }
        EmbeddedChannel third = channel();
        FullHttpRequest request = get("/ws/chat", ALLOWED);

        assertFalse(third.writeInbound(request));

        FullHttpResponse r = third.readOutbound();
        try {
            assertThat(r.status().code()).isEqualTo(429);
            assertThat(r.content().toString(StandardCharsets.UTF_8)).contains("too_many_connections");
        } finally {
            r.release();
        }
        assertThat(request.refCnt()).isZero();
        assertThat(third.isOpen()).isFalse();
        assertThat(switched).hasSize(2);
        assertFalse(third.finish());

        admitted.get(0).close();
        EmbeddedChannel next = channel();
        assertThat(next.writeInbound(get("/ws/chat", ALLOWED))).as("a place is free again").isTrue();
        ((FullHttpRequest) next.readInbound()).release();
        for (EmbeddedChannel ch : List.of(admitted.get(1), next)) {
            assertFalse(ch.finish());
        }
    }

    @Test
    void otherPathsPassUntouched() {
        EmbeddedChannel ch = channel();

        assertThat(ch.writeInbound(get("/ws/chatter", null))).isTrue();

        assertThat(switched).isEmpty();
        assertThat(ch.pipeline().get(ChatUpgradeHandler.class)).isNotNull();
        FullHttpRequest passed = ch.readInbound();
        passed.release();
        assertFalse(ch.finish());
    }
}
