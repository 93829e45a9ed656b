package org.wenzheng.server.staff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.timeout.IdleStateEvent;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A staff socket after its upgrade, on an {@link EmbeddedChannel}: joining, pushes, idle pings, session expiry. */
class StaffSocketTest {
    private static final Instant NOW = Instant.parse("2026-11-26T09:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private static StaffSession session(String username, Instant expiresAt) {
        return new StaffSession("hash", new Account(1, username, username, Role.OPERATOR, "x", false, NOW, null), "csrf",
                expiresAt);
    }

    private static EmbeddedChannel joined(StaffSocket socket, StaffSession session) {
        EmbeddedChannel ch = new EmbeddedChannel(new StaffSocketFrameHandler(socket, session, CLOCK));
        ch.pipeline().fireUserEventTriggered(new WebSocketServerProtocolHandler.HandshakeComplete("/ws/console",
                new DefaultHttpHeaders(), null));
        TextWebSocketFrame ready = ch.readOutbound();
        assertThat(ready.text()).isEqualTo(StaffSocketFrameHandler.READY);
        ready.release();
        return ch;
    }

    @Test
    void aPushReachesEveryOpenSocketOfThatAccountOnly() {
        StaffSocket socket = new StaffSocket("/ws/console", EnumSet.of(Role.OPERATOR));
        EmbeddedChannel first = joined(socket, session("op1", NOW.plusSeconds(3600)));
        EmbeddedChannel second = joined(socket, session("op1", NOW.plusSeconds(3600)));
        EmbeddedChannel other = joined(socket, session("op2", NOW.plusSeconds(3600)));

        int sent = socket.push("op1", Map.of("type", "call_started"));

        assertThat(sent).isEqualTo(2);
        assertThat(socket.openConnections()).isEqualTo(3);
        for (EmbeddedChannel ch : new EmbeddedChannel[] {first, second}) {
            TextWebSocketFrame f = ch.readOutbound();
            assertThat(f.text()).isEqualTo("{\"type\":\"call_started\"}");
            f.release();
        }
        assertThat((Object) other.readOutbound()).isNull();
        first.close();
        assertThat(socket.push("op1", Map.of("type", "x"))).isEqualTo(1);
        assertThat(socket.openConnections()).isEqualTo(2);
        ((TextWebSocketFrame) second.readOutbound()).release();
        assertFalse(second.finishAndReleaseAll());
        assertFalse(other.finishAndReleaseAll());
        assertThat(socket.openConnections()).isZero();
        assertThat(socket.push("op1", Map.of("type", "x"))).isZero();
    }

    @Test
    void silenceIsAnsweredWithAPingThenTheSocketIsClosed() {
        StaffSocket socket = new StaffSocket("/ws/console", EnumSet.of(Role.OPERATOR));
        EmbeddedChannel ch = joined(socket, session("op1", NOW.plusSeconds(3600)));

        ch.pipeline().fireUserEventTriggered(IdleStateEvent.FIRST_READER_IDLE_STATE_EVENT);
        PingWebSocketFrame ping = ch.readOutbound();
        ch.pipeline().fireUserEventTriggered(IdleStateEvent.READER_IDLE_STATE_EVENT);
        CloseWebSocketFrame close = ch.readOutbound();

        assertThat(ping).isNotNull();
        ping.release();
        assertThat(close.statusCode()).isEqualTo(WebSocketCloseStatus.NORMAL_CLOSURE.code());
        close.release();
        assertThat(ch.isOpen()).isFalse();
        assertThat(socket.openConnections()).isZero();
    }

    @Test
    void theSocketClosesWhenItsSessionExpires() {
        StaffSocket socket = new StaffSocket("/ws/console", EnumSet.of(Role.OPERATOR));
        EmbeddedChannel ch = joined(socket, session("op1", NOW));

        ch.runScheduledPendingTasks();

        CloseWebSocketFrame close = ch.readOutbound();
        assertThat(close.statusCode()).isEqualTo(WebSocketCloseStatus.POLICY_VIOLATION.code());
        assertThat(close.reasonText()).isEqualTo("session expired");
        close.release();
        assertThat(ch.isOpen()).isFalse();
    }

    @Test
    void whatAPageSendsIsIgnored() {
        StaffSocket socket = new StaffSocket("/ws/console", EnumSet.of(Role.OPERATOR));
        EmbeddedChannel ch = joined(socket, session("op1", NOW.plusSeconds(3600)));
        TextWebSocketFrame sent = new TextWebSocketFrame("hello");

        ch.writeInbound(sent);

        assertThat(sent.refCnt()).isZero();
        assertThat((Object) ch.readOutbound()).isNull();
        assertThat(ch.isOpen()).isTrue();
        assertFalse(ch.finishAndReleaseAll());
    }
}
