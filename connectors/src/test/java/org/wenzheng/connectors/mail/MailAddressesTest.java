package org.wenzheng.connectors.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MailAddressesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "zhang.san@example.com               | zhang.san@example.com",
        "Zhang.San@Example.COM               | Zhang.San@example.com",
        "li_si+tag@mail.gov.cn               | li_si+tag@mail.gov.cn",
        "12345678@qq.com                     | 12345678@qq.com",
        "o'brien@example.org                 | o'brien@example.org",
        "a!b#c$d%e&f*g=h?i^j`k{l}m~n@x.cn    | a!b#c$d%e&f*g=h?i^j`k{l}m~n@x.cn",
        "wang-wu@sub-domain.example.com.cn   | wang-wu@sub-domain.example.com.cn",
        "'  zs@qq.com  '                     | zs@qq.com",
        "ｚｓ＠ｅｘａｍｐｌｅ．ｃｏｍ       | zs@example.com",
        "zs@qq。com                          | zs@qq.com",
        "zs\u200B@qq.com                     | zs@qq.com",
        "zs@例子.公司                         | zs@xn--fsqu00a.xn--55qx5d",
        "zs@中文.中国                         | zs@xn--fiq228c.xn--fiqs8s",
        "zs@政府。cn                          | zs@xn--mxtq1m.cn",
        "zs@xn--fiq228c.xn--fiqs8s           | zs@xn--fiq228c.xn--fiqs8s",
        "zs@münchen.de                       | zs@xn--mnchen-3ya.de",
    })
    void acceptsAddressesMailCanBeSentToInTheFormTheConnectorUses(String typed, String sendable) {
        assertThat(MailAddresses.sendable(typed)).hasValue(sendable);
    }

    @ParameterizedTest(name = "'{0}'")
    @ValueSource(strings = {
        ".x@x.com", "x.@x.com", "x..y@x.com", "@x.com", "x@", "x", "", "  ", "x@x", "x@@x.com", "x@y@x.com",
        "x y@x.com", "\"x y\"@x.com", "张三@example.com", "x@-x.com", "x@x-.com", "x@x..com", "x@.x.com",
        "x@x.com.", "x@1.2.3.4", "x@[1.2.3.4]", "x@x_y.com", "Zhang San <x@x.com>", "x@x.com, y@y.com",
        "x;y@x.com", "x@exa mple.com", "x\n@x.com", "x@x.c\nom", "x(comment)@x.com", "x@x.com(comment)",
        "x\\y@x.com", "x@中文..中国",
    })
    void refusesWhatCannotBeSentTo(String typed) {
        assertThat(MailAddresses.sendable(typed)).as(typed).isEmpty();
    }

    @Test
    void refusesNullAndAddressesOverTheLengthLimits() {
        String local64 = "a".repeat(64);
        String domain = "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(63) + ".com";
        assertThat(MailAddresses.sendable(null)).isEmpty();
        assertThat(MailAddresses.sendable(local64 + "@x.com")).isPresent();
        assertThat(MailAddresses.sendable("a" + local64 + "@x.com")).as("a local part of 65").isEmpty();
        assertThat(MailAddresses.sendable("x@" + "b".repeat(64) + ".com")).as("a label of 64").isEmpty();
        String longest = "a".repeat(MailAddresses.MAX_LENGTH - 1 - domain.length()) + "@" + domain;
        assertThat(longest).hasSize(MailAddresses.MAX_LENGTH);
        assertThat(MailAddresses.sendable(longest)).hasValue(longest);
        assertThat(MailAddresses.sendable("a" + longest)).as("255 characters").isEmpty();
    }

    @Test
    void everyAcceptedAddressIsDeliveredByTheMailConnector() throws Exception {
        List<String> accepted = Arrays.asList("zhang.san@example.com", "Zhang.San@Example.COM", "li_si+tag@mail.gov.cn",
                "o'brien@example.org", "a!b#c$d%e&f*g=h?i^j`k{l}m~n@x.cn", "ｚｓ＠ｅｘａｍｐｌｅ．ｃｏｍ",
                "zs@qq。com", "zs@例子.公司", "zs@中文.中国", "zs@münchen.de", "a".repeat(64) + "@x.com");
        GreenMail greenMail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        greenMail.start();
        Clock clock = Clock.fixed(Instant.parse("2026-11-26T03:00:00Z"), ZoneOffset.UTC);
        try (MailConnector connector = new MailConnector(MailConnectorTest.smtp(greenMail.getSmtp().getPort()), clock,
                n -> {
                    throw new AssertionError("a notice to a citizen has no reply address");
                })) {
            List<String> sendable = accepted.stream().map(a -> MailAddresses.sendable(a).orElseThrow()).toList();
            for (int i = 0; i < sendable.size(); i++) {
                connector.deliver(Notices.of(org.wenzheng.connectors.TicketNotice.Kind.ANSWER, "n-" + i,
                        java.util.Optional.of("答复"), sendable.get(i)));
            }

            assertThat(greenMail.waitForIncomingEmail(10_000, sendable.size())).isTrue();
            List<String> received = Arrays.stream(greenMail.getReceivedMessages()).map(MailAddressesTest::to).toList();
            assertThat(received).containsExactlyInAnyOrderElementsOf(sendable);
        } finally {
            greenMail.stop();
        }
    }

    private static String to(MimeMessage m) {
        try {
            return ((InternetAddress) m.getAllRecipients()[0]).getAddress();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
