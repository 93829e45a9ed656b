package org.wenzheng.server.replies;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wenzheng.server.privacy.PiiFixtures;
import org.wenzheng.server.tickets.NewTicket;

/**
 * The escalation mail to a department that must see contacts masked (综合办公室, {@code seeContact:
 * false}), sent by the real connector to GreenMail over SMTP: every variant of personal data in the
 * question, and the contact, arrive masked, while the ticket keeps the question as asked.
 */
class EscalationMailMaskingTest {
    @TempDir
    Path work;

    private GreenMail greenMail;
    private Bridge bridge;

    @BeforeEach
    void start() {
        int smtp = MailFixtures.freePort();
        int imap = MailFixtures.freePort();
        greenMail = MailFixtures.greenMail(smtp, imap);
        bridge = new Bridge(work, TestDatabases.embedded(work), MailFixtures.config(smtp, imap), InboundProcessor.Hooks.NONE);
    }

    @AfterEach
    void stop() {
        bridge.close();
        greenMail.stop();
    }

    @Test
    void noVariantOfPersonalDataReachesTheMailOfADepartmentWithoutSeeContactUnmasked() throws Exception {
        assertThat(Bridge.OFFICE.seeContact()).isFalse();
        List<List<PiiFixtures.Variant>> chunks = PiiFixtures.chunks(500);
        List<String> codes = new ArrayList<>();
        for (List<PiiFixtures.Variant> chunk : chunks) {
            codes.add(bridge.tickets.create(new NewTicket(PiiFixtures.input(chunk), "web", null, "consultation",
                    "zhang.san@example.com", "13812345678", true)).code());
        }
        bridge.relay.deliverDue();

        assertThat(greenMail.waitForIncomingEmail(10_000, chunks.size())).isTrue();
        for (int i = 0; i < chunks.size(); i++) {
            String code = codes.get(i);
            MimeMessage mail = java.util.Arrays.stream(greenMail.getReceivedMessages())
                    .filter(m -> subject(m).contains(code)).findFirst().orElseThrow();
            String body = ((String) mail.getContent()).replace("\r\n", "\n");
            assertThat(body).contains("问题：" + PiiFixtures.masked(chunks.get(i)).strip() + "\n")
                    .contains("联系方式：邮箱 z***@example.com；电话 138****5678")
                    .doesNotContain("zhang.san").doesNotContain("13812345678");
            for (PiiFixtures.Variant v : chunks.get(i)) {
                assertThat(body).as(v.toString()).doesNotContain(v.input());
                assertThat(subject(mail)).as(v.toString()).doesNotContain(v.input());
            }
            assertThat(bridge.tickets.detail(code).ticket().question().text()).as("the ticket keeps the question as asked")
                    .isEqualTo(PiiFixtures.input(chunks.get(i)));
        }
    }

    private static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
