package org.wenzheng.server.tickets;

import org.wenzheng.testing.MovableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wenzheng.connectors.TicketNotice;
import org.wenzheng.knowledge.KnowledgeBase;
import org.wenzheng.server.chat.Conversation;
import org.wenzheng.server.chat.ConversationStore;
import org.wenzheng.server.db.Database;
import org.wenzheng.server.db.DatabaseConfig;
import org.wenzheng.server.chat.Message;
import org.wenzheng.server.chat.NewMessage;
import org.wenzheng.server.db.SqlTimes;
import org.wenzheng.server.db.StoreException;

/**
 * The ticket desk on a real database, the same on every database it supports: each subclass
 * supplies a fresh, empty one per test (an SQLite file always, PostgreSQL when configured). Time
 * moves only when a test advances the clock.
 */
abstract class TicketStoreTest {
    /** Thursday 2026-11-26, 09:00 in Beijing. */
    static final Instant THURSDAY_9AM = Instant.parse("2026-11-26T01:00:00Z");

    @TempDir
    static Path indexDir;
    static KnowledgeBase knowledge;

    @TempDir
    Path work;

    MovableClock clock;
    Database db;
    ConversationStore conversations;
    TicketService tickets;

    abstract DatabaseConfig config();

    abstract void dropDatabase() throws Exception;

    @BeforeAll
    static void index() {
        knowledge = TicketFixtures.knowledge(indexDir);
    }

    @AfterAll
    static void closeIndex() throws Exception {
        knowledge.close();
    }

    @BeforeEach
    final void openDesk() {
        clock = new MovableClock(THURSDAY_9AM);
        reopen();
    }

    /** Opens the database (again) and a new service on it, as a restarted server would. */
    final void reopen() {
        if (db != null) {
            db.close();
        }
        db = Database.open(config());
        conversations = new ConversationStore(db, clock);
        tickets = new TicketService(db, TicketFixtures.config(), TicketFixtures.rules(), knowledge, conversations,
                clock);
    }

    @AfterEach
    final void closeAndDrop() throws Exception {
        if (db != null) {
            db.close();
        }
        dropDatabase();
    }

    TicketService.Created ask(String question) {
        return tickets.create(new NewTicket(question, "web", null, "consultation", null, null, false));
    }

    TicketService.Created ask(NewTicket t) {
        return tickets.create(t);
    }

    int count(String sql, Object... args) {
        return db.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    if (args[i] instanceof Instant t) {
                        SqlTimes.set(s, i + 1, t);
                    } else {
                        s.setObject(i + 1, args[i]);
                    }
                }
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    return r.getInt(1);
                }
            }
        });
    }

    /** The notices queued for a ticket, oldest first. */
    List<TicketNotice> outbox(String code) {
        return db.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT payload FROM outbox WHERE ticket_code = ? ORDER BY created_at, kind")) {
                s.setString(1, code);
                List<TicketNotice> out = new ArrayList<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(NoticePayload.read(r.getString(1)));
                    }
                }
                return out;
            }
        });
    }

    List<String> eventKinds(String code) {
        return tickets.detail(code).events().stream().map(TicketEvent::kind).toList();
    }

    // ------------------------------------------------------------------ codes and keys

    @Test
    void codesCountTheTicketsOfEachBeijingDayFromOne() {
        assertThat(ask("主任信箱多久答复").code()).isEqualTo("WZ-20261126-0001");
        assertThat(ask("公租房怎么申请").code()).isEqualTo("WZ-20261126-0002");

        // 16:30 UTC is already the next day in Beijing.
        clock.set(Instant.parse("2026-11-26T16:30:00Z"));

        assertThat(ask("户籍证明在哪里开").code()).isEqualTo("WZ-20261127-0001");
    }

    @Test
    void concurrentTicketsGetDistinctNumbers() throws Exception {
        int n = 8;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> codes = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                String q = "并发问题第" + i + "个";
                Callable<String> task = () -> {
                    start.await();
                    return ask(q).code();
                };
                codes.add(pool.submit(task));
            }
            start.countDown();
            Set<String> distinct = new HashSet<>();
            for (Future<String> f : codes) {
                distinct.add(f.get(60, TimeUnit.SECONDS));
            }
            Set<String> expected = new HashSet<>();
            for (int i = 1; i <= n; i++) {
                expected.add(String.format("WZ-20261126-%04d", i));
            }
            assertThat(distinct).isEqualTo(expected);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theAccessKeyIsStoredOnlyAsItsHashAndOpensOnlyItsTicket() {
        TicketService.Created t = ask("主任信箱多久答复");
        TicketService.Created other = ask("公租房怎么申请");

        assertThat(t.key()).matches("[A-Za-z0-9_-]{24}");
        assertThat(count("SELECT COUNT(*) FROM tickets WHERE key_hash = ?", TicketService.sha256(t.key())))
                .isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM tickets WHERE key_hash = ? OR question LIKE ?", t.key(),
                "%" + t.key() + "%")).isZero();
        assertThat(tickets.view(t.code(), t.key())).hasValueSatisfying(v -> {
            assertThat(v.status()).isEqualTo("open");
            assertThat(v.department()).isEqualTo("综合办公室");
            assertThat(v.deadline()).isEqualTo(LocalDate.of(2026, 12, 1));
            assertThat(v.answer()).isNull();
        });
        assertThat(tickets.view(t.code(), other.key())).isEmpty();
        assertThat(tickets.view(t.code(), t.key() + "x")).isEmpty();
        assertThat(tickets.view("WZ-20261126-0099", t.key())).isEmpty();
        assertThat(tickets.view(t.code(), null)).isEmpty();
    }

    // ------------------------------------------------------------------ 办件查询

    private TicketService.Created askWithContact(String question, String email, String phone) {
        return ask(new NewTicket(question, "web", null, "consultation", email, phone, true));
    }

    @Test
    void aTicketIsTrackedByItsCodeAndThePhoneGivenInAnyWrittenForm() {
        TicketService.Created t = askWithContact("主任信箱多久答复", null, "13812345678");

        for (String typed : new String[] {"13812345678", "138 1234 5678", "+86 138-1234-5678", "１３８１２３４５６７８"}) {
            assertThat(tickets.track(t.code(), typed)).as(typed).hasValueSatisfying(v -> {
                assertThat(v.code()).isEqualTo(t.code());
                assertThat(v.status()).isEqualTo("open");
                assertThat(v.department()).isEqualTo("综合办公室");
                assertThat(v.deadline()).isEqualTo(LocalDate.of(2026, 12, 1));
            });
        }
    }

    @Test
    void aTicketIsTrackedByItsCodeAndTheEmailGivenWhateverItsCase() {
        TicketService.Created t = askWithContact("主任信箱多久答复", "Zhang.San@Example.com", null);

        assertThat(tickets.track(t.code(), "zhang.san@example.com")).isPresent();
        assertThat(tickets.track(t.code(), " ZHANG.SAN@EXAMPLE.COM ")).isPresent();
    }

    @Test
    void aContactThatIsNotTheTicketsFindsNothingAsAnUnknownCodeDoes() {
        TicketService.Created t = askWithContact("主任信箱多久答复", "zhang@example.com", "13812345678");
        TicketService.Created other = askWithContact("公租房怎么申请", "li@example.com", "13900000000");

        assertThat(tickets.track(t.code(), "13900000000")).isEmpty();
        assertThat(tickets.track(t.code(), "li@example.com")).isEmpty();
        assertThat(tickets.track(t.code(), other.pin())).isEmpty();
        assertThat(tickets.track(t.code(), "")).isEmpty();
        assertThat(tickets.track(t.code(), t.key())).isEmpty();
        assertThat(tickets.track("WZ-20261126-0099", "13812345678")).isEmpty();
        assertThat(tickets.track("WZ-20261126-0099", t.pin())).isEmpty();
    }

    @Test
    void aTicketKeptWithoutConsentHasNoContactToTrackButItsPinStillOpensIt() {
        // Without consent no contact reaches the ticket (NewTicket refuses one): nothing to compare with.
        TicketService.Created t = ask(new NewTicket("主任信箱多久答复", "web", null, "consultation", null, null, false));

        assertThat(tickets.track(t.code(), "13812345678")).isEmpty();
        assertThat(tickets.track(t.code(), "zhang@example.com")).isEmpty();
        assertThat(tickets.track(t.code(), t.pin())).hasValueSatisfying(v -> assertThat(v.code()).isEqualTo(t.code()));
    }

    @Test
    void thePinHasTheConfiguredDigitsIsStoredOnlyAsItsHashAndOpensOnlyItsTicket() {
        TicketService.Created t = ask("主任信箱多久答复");
        TicketService.Created other = ask("公租房怎么申请");

        assertThat(t.pin()).matches("\\d{" + TicketFixtures.config().tracking().pinDigits() + "}");
        assertThat(count("SELECT COUNT(*) FROM tickets WHERE pin_hash = ?", TicketService.pinHash(t.code(), t.pin())))
                .isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM tickets WHERE pin_hash = ? OR key_hash = ? OR question LIKE ?",
                t.pin(), TicketService.sha256(t.pin()), "%" + t.pin() + "%")).isZero();
        assertThat(tickets.track(t.code(), t.pin())).isPresent();
        assertThat(tickets.track(t.code(), " " + t.pin() + " ")).isPresent();
        assertThat(tickets.track(other.code(), t.pin())).isEmpty();
        assertThat(tickets.track(t.code(), t.pin().substring(1))).isEmpty();
    }

    // ------------------------------------------------------------------ escalation and the outbox

    @Test
    void theEscalationNoticeIsQueuedWithTheTicketAndContactMaskedForTheOffice() {
        TicketService.Created t = ask(new NewTicket("主任信箱多久答复？我的电话13812345678", "web", null,
                "consultation", "zhang.san@example.com", "13912345678", true));

        List<TicketNotice> notices = outbox(t.code());
        assertThat(notices).hasSize(1);
        TicketNotice n = notices.get(0);
        assertThat(n.kind()).isEqualTo(TicketNotice.Kind.ESCALATION);
        assertThat(n.recipients()).containsExactly("officer@wenzheng.local");
        assertThat(n.departmentName()).isEqualTo("综合办公室");
        assertThat(n.deadline()).isEqualTo(LocalDate.of(2026, 12, 1));
        assertThat(n.contact()).hasValue("邮箱 z***@example.com；电话 139****5678");
        assertThat(n.question()).contains("138****5678").doesNotContain("13812345678");
        assertThat(n.candidates()).isNotEmpty();
        assertThat(n.ticketUrl()).as("the officer's link to the ticket")
                .hasValue("https://wenzheng.example.gov.cn/admin#tickets/" + t.code());
        assertThat(count("SELECT COUNT(*) FROM outbox WHERE ticket_code = ? AND status = 'pending' AND attempts = 0"
                + " AND connector = 'mail' AND kind = 'escalation' AND next_attempt_at = ?", t.code(),
                THURSDAY_9AM)).isEqualTo(1);
        // The stored contact is whole: the department may be changed to one that sees it.
        assertThat(count("SELECT COUNT(*) FROM tickets WHERE contact_email = 'zhang.san@example.com'"
                + " AND contact_phone = '13912345678'")).isEqualTo(1);
    }

    @Test
    void aDepartmentThatSeesContactsGetsThemWhole() {
        TicketService.Created t = ask(new NewTicket("公司拖欠工资怎么办", "web", null, "consultation",
                "zhang.san@example.com", null, true));

        assertThat(t.department()).isEqualTo("hrss");
        assertThat(outbox(t.code()).get(0).contact()).hasValue("邮箱 zhang.san@example.com");
    }

    @Test
    void contactIsNotKeptWithoutConsent() {
        assertThatThrownBy(() -> new NewTicket("q", "web", null, "consultation", "a@b.cn", null, false))
                .isInstanceOf(IllegalArgumentException.class);
        TicketService.Created t = ask("主任信箱多久答复");

        assertThat(outbox(t.code()).get(0).contact()).isEmpty();
    }

    @Test
    void aTicketThatCannotBeStoredWholeLeavesNoTicketNoNoticeAndNoNumber() throws SQLException {
        Conversation chat = conversations.start("web");
        // A message row the conversation's counter does not know: appending the ticket's line
        // collides with it, after the ticket and its notice were written in the same transaction.
        db.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO messages (conversation_id, seq, role, body,"
                    + " created_at) VALUES (?, 1, 'citizen', 'x', CURRENT_TIMESTAMP)")) {
                s.setString(1, chat.id());
                s.executeUpdate();
            }
            return null;
        });

        assertThatThrownBy(() -> ask(new NewTicket("主任信箱多久答复", "web", chat.id(), "consultation", null, null,
                false))).isInstanceOf(StoreException.class);

        assertThat(count("SELECT COUNT(*) FROM tickets")).isZero();
        assertThat(count("SELECT COUNT(*) FROM outbox")).isZero();
        assertThat(count("SELECT COUNT(*) FROM ticket_events")).isZero();
        assertThat(ask("公租房怎么申请").code()).isEqualTo("WZ-20261126-0001");
    }

    @Test
    void aTicketFromAChatIsLinkedToItAndSaysSoThere() {
        Message q = conversations.appendOrStart(null, "web", NewMessage.citizen("主任信箱多久答复"));

        TicketService.Created t = ask(new NewTicket("主任信箱多久答复", "web", q.conversationId(), "consultation",
                null, null, false));

        List<Message> messages = conversations.messages(q.conversationId());
        assertThat(messages).last().satisfies(m -> {
            assertThat(m.role()).isEqualTo(Message.Role.BOT);
            assertThat(m.text()).contains("综合办公室").contains(t.code()).contains("2026-12-01");
        });
        assertThat(outbox(t.code()).get(0).conversation()).extracting(TicketNotice.Line::text)
                .containsExactly("主任信箱多久答复");
        assertThat(tickets.detail(t.code()).ticket().conversationId()).isEqualTo(q.conversationId());
    }

    // ------------------------------------------------------------------ routing and deadlines

    @Test
    void aKeywordRoutesAndTheRuleIsKeptAsAnEvent() {
        TicketService.Created t = ask("单位拖欠工资怎么办");
        TicketService.Created fallback = ask("qwerty zxcv");

        assertThat(t.department()).isEqualTo("hrss");
        assertThat(tickets.detail(t.code()).events()).filteredOn(e -> e.kind().equals("routed"))
                .singleElement().satisfies(e -> assertThat(e.detail()).isEqualTo("hrss: keyword '工资' in the question"));
        assertThat(fallback.department()).isEqualTo("office");
        assertThat(tickets.detail(fallback.code()).events()).filteredOn(e -> e.kind().equals("routed"))
                .singleElement().satisfies(e -> assertThat(e.detail()).contains("default"));
    }

    @Test
    void theCandidatesDocumentsRouteWhenNoKeywordDoes() {
        TicketService.Created t = ask("公共租赁住房的申请条件是什么");

        assertThat(t.department()).isEqualTo("housing");
        assertThat(count("SELECT COUNT(*) FROM outbox WHERE ticket_code = ? AND connector = 'hook12345'", t.code()))
                .isEqualTo(1);
    }

    @Test
    void theDeadlineCountsWorkingDaysOnTheCalendar() {
        // Wednesday 30 September 2026: 1–7 October are holidays, Saturday 10 October is a make-up working day.
        clock.set(Instant.parse("2026-09-30T02:00:00Z"));

        assertThat(ask("主任信箱多久答复").deadline()).isEqualTo(LocalDate.of(2026, 10, 10));
        assertThat(ask(new NewTicket("申请公开本市公租房分配名单", "web", null, "disclosure", null, null, false))
                .deadline()).isEqualTo(TicketFixtures.rules().deadline(
                        org.wenzheng.server.tickets.calendar.TicketType.DISCLOSURE, LocalDate.of(2026, 9, 30)));
    }

    // ------------------------------------------------------------------ duplicates and answers

    @Test
    void theSameOpenQuestionIsLinkedAndNotMailedAgain() {
        TicketService.Created first = ask("请问，主任信箱多久答复？");
        TicketService.Created second = ask("主任信箱多久答复");

        assertThat(second.duplicateOf()).isEqualTo(first.code());
        assertThat(outbox(first.code())).hasSize(1);
        assertThat(outbox(second.code())).isEmpty();
        assertThat(eventKinds(second.code())).containsExactly("created", "linked");
        // A formal disclosure application is never merged into a consultation.
        assertThat(ask(new NewTicket("主任信箱多久答复", "web", null, "disclosure", null, null, false)).duplicateOf())
                .isNull();
    }

    @Test
    void aQuestionInTraditionalScriptIsLinkedToItsSimplifiedTwin() {
        TicketService.Created first = ask("请问社保怎么转移");
        TicketService.Created second = ask("請問，社保怎麼轉移？");

        assertThat(second.duplicateOf()).isEqualTo(first.code());
        assertThat(tickets.questionKey("請問社保怎麼轉移")).isEqualTo(tickets.questionKey("请问社保怎么转移"))
                .isEqualTo("社保怎么转移");
        assertThat(tickets.questionKey("社保怎么转移（ＰＤＦ表格）")).isEqualTo("社保怎么转移pdf表格");
        assertThat(outbox(second.code())).isEmpty();
    }

    @Test
    void anOfficersAnswerReachesEveryLinkedTicketOnce() {
        Message q1 = conversations.appendOrStart(null, "web", NewMessage.citizen("主任信箱多久答复"));
        Message q2 = conversations.appendOrStart(null, "web", NewMessage.citizen("请问主任信箱多久答复"));
        TicketService.Created first = ask(new NewTicket("主任信箱多久答复", "web", q1.conversationId(),
                "consultation", null, null, false));
        TicketService.Created second = ask(new NewTicket("请问主任信箱多久答复", "web", q2.conversationId(),
                "consultation", "li.si@example.com", null, true));
        clock.advance(Duration.ofHours(2));

        TicketDesk.AnswerOutcome outcome = db.inTransaction(c -> tickets.recordAnswer(c, first.code(),
                tickets.prepare("三个工作日内答复。"), "officer@wenzheng.local", "mail", clock.instant()));

        assertThat(outcome.recorded()).isTrue();
        assertThat(outcome.answeredCodes()).containsExactly(first.code(), second.code());
        assertThat(outcome.pushes()).extracting(TicketDesk.Push::conversationId)
                .containsExactly(q1.conversationId(), q2.conversationId());
        for (Message q : List.of(q1, q2)) {
            assertThat(conversations.messages(q.conversationId())).filteredOn(m -> m.role() == Message.Role.OFFICER)
                    .singleElement().satisfies(m -> assertThat(m.text()).isEqualTo("三个工作日内答复。"));
        }
        assertThat(tickets.view(second.code(), second.key())).hasValueSatisfying(v -> {
            assertThat(v.status()).isEqualTo("answered");
            assertThat(v.answer()).isEqualTo("三个工作日内答复。");
            assertThat(v.answeredAt()).isEqualTo(THURSDAY_9AM.plus(Duration.ofHours(2)));
        });
        assertThat(outbox(second.code())).singleElement().satisfies(n -> {
            assertThat(n.kind()).isEqualTo(TicketNotice.Kind.ANSWER);
            assertThat(n.recipients()).containsExactly("li.si@example.com");
            assertThat(n.answer()).hasValue("三个工作日内答复。");
            assertThat(n.ticketUrl()).as("no staff link in the citizen's mail: only /track, to rate the answer")
                    .hasValue("https://wenzheng.example.gov.cn/track#" + n.ticketCode());
        });
        assertThat(count("SELECT COUNT(*) FROM outbox WHERE kind = 'answer'")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM faq_proposals WHERE ticket_code = ? AND status = 'pending'",
                first.code())).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM tickets WHERE version = 1 AND status = 'answered'")).isEqualTo(2);
    }

    @Test
    void twoAnswersAtOnceToATicketAndItsDuplicateRecordOne() throws Exception {
        TicketService.Created first = ask("主任信箱多久答复");
        TicketService.Created second = ask("主任信箱多久答复？");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Boolean>> recorded = new ArrayList<>();
            for (String code : List.of(first.code(), second.code())) {
                recorded.add(pool.submit(() -> {
                    start.await();
                    return db.inTransaction(c -> tickets.recordAnswer(c, code, tickets.prepare("答复 " + code),
                            "officer@wenzheng.local", "mail", clock.instant())).recorded();
                }));
            }
            start.countDown();
            int answers = 0;
            for (Future<Boolean> f : recorded) {
                answers += f.get(60, TimeUnit.SECONDS) ? 1 : 0;
            }

            assertThat(answers).isEqualTo(1);
            assertThat(count("SELECT COUNT(*) FROM tickets WHERE status = 'answered'")).isEqualTo(2);
            assertThat(count("SELECT COUNT(*) FROM faq_proposals")).isEqualTo(1);
            assertThat(count("SELECT COUNT(DISTINCT answer) FROM tickets")).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theFaqProposalOfAnAnswerCitesTheArticlesTheOfficerCitedElseTheBotsCandidates() {
        TicketService.Created citing = ask("外地户口能申请公租房吗");
        TicketService.Created plain = ask("主任信箱多久答复呀");

        tickets.answer(citing.code(), "您好，依据《示例市公共租赁住房申请办法》第一条、第二条，本市户籍家庭方可申请。", "officer");
        tickets.answer(plain.code(), "三个工作日内答复。", "officer");

        assertThat(proposalSources(citing.code())).containsExactly("示例市公共租赁住房申请办法第一条",
                "示例市公共租赁住房申请办法第二条");
        assertThat(proposalSources(plain.code())).as("the candidates the ticket was made with")
                .contains("主任信箱使用说明").isEqualTo(db.inTransaction(c -> {
                    try (PreparedStatement s = c.prepareStatement("SELECT candidates FROM tickets WHERE code = ?")) {
                        s.setString(1, plain.code());
                        try (ResultSet r = s.executeQuery()) {
                            r.next();
                            return titlesAndArticles(r.getString(1));
                        }
                    }
                }));
    }

    private List<String> proposalSources(String code) {
        return db.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT citations FROM faq_proposals WHERE ticket_code = ?")) {
                s.setString(1, code);
                try (ResultSet r = s.executeQuery()) {
                    assertThat(r.next()).as("a proposal for " + code).isTrue();
                    return titlesAndArticles(r.getString(1));
                }
            }
        });
    }

    private static List<String> titlesAndArticles(String json) {
        List<String> out = new ArrayList<>();
        try {
            for (com.fasterxml.jackson.databind.JsonNode n : new com.fasterxml.jackson.databind.ObjectMapper().readTree(json)) {
                out.add(n.path("title").asText() + n.path("article").asText());
            }
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
        return out;
    }

    @Test
    void aSecondAnswerIsOnlyAnEvent() {
        Message q = conversations.appendOrStart(null, "web", NewMessage.citizen("主任信箱多久答复"));
        TicketService.Created t = ask(new NewTicket("主任信箱多久答复", "web", q.conversationId(), "consultation",
                null, null, false));
        tickets.answer(t.code(), "第一次答复", "officer");

        TicketDesk.AnswerOutcome again = db.inTransaction(c -> tickets.recordAnswer(c, t.code(), tickets.prepare("第二次答复"),
                
                "officer@wenzheng.local", "mail", clock.instant()));

        assertThat(again.recorded()).isFalse();
        assertThat(again.pushes()).isEmpty();
        assertThat(tickets.view(t.code(), t.key()).orElseThrow().answer()).isEqualTo("第一次答复");
        assertThat(eventKinds(t.code())).endsWith("answered", "answer_again");
        assertThat(conversations.messages(q.conversationId())).filteredOn(m -> m.role() == Message.Role.OFFICER)
                .hasSize(1);
        assertThat(count("SELECT COUNT(*) FROM faq_proposals")).isEqualTo(1);
    }

    /** What an answer listener heard, and whether the answer was in its transaction already. */
    private record Heard(String code, String status, String department, String text, Instant at,
            int answeredRowsSeen) {
    }

    /** A listener recording what it hears, reading the ticket back on the answer's own connection. */
    private List<Heard> listen() {
        List<Heard> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
        tickets.onAnswer((c, ticket, department, text, at) -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT COUNT(*) FROM tickets WHERE code = ? AND status = 'answered' AND answer = ?")) {
                s.setString(1, ticket.code());
                s.setString(2, text);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    heard.add(new Heard(ticket.code(), ticket.status().id(), department, text, at, r.getInt(1)));
                }
            }
        });
        return heard;
    }

    @Test
    void answerListenersHearOfEveryTicketAnAnswerAnswersInsideItsTransaction() {
        TicketService.Created first = ask("主任信箱多久答复");
        TicketService.Created linked = ask("请问主任信箱多久答复");
        TicketService.Created other = ask("公租房怎么申请");
        List<Heard> heard = listen();
        clock.advance(Duration.ofHours(2));
        Instant at = clock.instant();

        db.inTransaction(c -> tickets.recordAnswer(c, linked.code(), tickets.prepare("三个工作日内答复。"),
                "officer@wenzheng.local",
                "mail", at));
        tickets.answer(other.code(), "向住房和城乡建设局提交申请。", "officer");

        assertThat(heard).containsExactly(
                new Heard(first.code(), "answered", "综合办公室", "三个工作日内答复。", at, 1),
                new Heard(linked.code(), "answered", "综合办公室", "三个工作日内答复。", at, 1),
                new Heard(other.code(), "answered", tickets.detail(other.code()).departmentName(),
                        "向住房和城乡建设局提交申请。", at, 1));
    }

    @Test
    void aSecondAnswerIsNotHeardByTheAnswerListeners() {
        TicketService.Created t = ask("主任信箱多久答复");
        List<Heard> heard = listen();
        tickets.answer(t.code(), "第一次答复", "officer");

        tickets.answer(t.code(), "第二次答复", "officer");
        db.inTransaction(c -> tickets.recordAnswer(c, t.code(), tickets.prepare("第三次答复"),
                "officer@wenzheng.local", "mail",
                clock.instant()));

        assertThat(heard).extracting(Heard::text).containsExactly("第一次答复");
        assertThat(eventKinds(t.code())).endsWith("answered", "answer_again", "answer_again");
    }

    @Test
    void aListenerThatFailsRefusesTheAnswerWhichLeavesNoTrace() {
        Message q = conversations.appendOrStart(null, "web", NewMessage.citizen("主任信箱多久答复"));
        TicketService.Created t = ask(new NewTicket("主任信箱多久答复", "web", q.conversationId(), "consultation",
                "li.si@example.com", null, true));
        tickets.onAnswer((c, ticket, department, text, at) -> {
            throw new SQLException("the answer could not be published");
        });

        assertThatThrownBy(() -> tickets.answer(t.code(), "三个工作日内答复。", "officer"))
                .isInstanceOf(StoreException.class).hasMessageContaining("could not be published");
        assertThatThrownBy(() -> db.inTransaction(c -> tickets.recordAnswer(c, t.code(), tickets.prepare("三个工作日内答复。"),
                "officer@wenzheng.local", "mail", clock.instant()))).hasMessageContaining("could not be published");

        assertThat(tickets.view(t.code(), t.key()).orElseThrow().status()).isEqualTo("open");
        assertThat(eventKinds(t.code())).doesNotContain("answered");
        assertThat(conversations.messages(q.conversationId())).noneMatch(m -> m.role() == Message.Role.OFFICER);
        assertThat(count("SELECT COUNT(*) FROM outbox WHERE kind = 'answer'")).isZero();
        assertThat(count("SELECT COUNT(*) FROM faq_proposals")).isZero();
    }

    @Test
    void aReplyIsFoundByTheMessageIdOfAMailSentForItOrByItsCode() {
        TicketService.Created t = ask("主任信箱多久答复");
        db.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE outbox SET status = 'sent', delivered_id = '<wz-1@wenzheng.local>' WHERE ticket_code = ?")) {
                s.setString(1, t.code());
                s.executeUpdate();
            }
            return null;
        });

        Optional<TicketDesk.TicketRef> byId = db.inTransaction(c -> tickets.findForReply(c,
                List.of("<unknown@x>", "<wz-1@wenzheng.local>"), Optional.empty()));
        Optional<TicketDesk.TicketRef> byCode = db.inTransaction(c -> tickets.findForReply(c, List.of(),
                Optional.of(t.code().toLowerCase())));
        Optional<TicketDesk.TicketRef> none = db.inTransaction(c -> tickets.findForReply(c, List.of("<a@b>"),
                Optional.of("WZ-20200101-0001")));

        assertThat(byId).contains(new TicketDesk.TicketRef(t.code(), "office", "open"));
        assertThat(byCode).contains(new TicketDesk.TicketRef(t.code(), "office", "open"));
        assertThat(none).isEmpty();
        assertThat(tickets.mayAnswer("hrss", "hrss.officer@WENZHENG.local")).isTrue();
        assertThat(tickets.mayAnswer("hrss", "boss@wenzheng.local")).isTrue();
        assertThat(tickets.mayAnswer("hrss", "officer@wenzheng.local")).isFalse();
        assertThat(tickets.mayAnswer("nobody", "officer@wenzheng.local")).isFalse();
    }

    // ------------------------------------------------------------------ officer actions

    @Test
    void aTransferSendsANewEscalationToTheOtherDepartment() {
        TicketService.Created t = ask("主任信箱多久答复");
        TicketService.Created dup = ask("主任信箱多久答复？");

        tickets.transfer(t.code(), "housing", "officer", "属住建局职责");

        assertThat(outbox(t.code())).extracting(TicketNotice::department).containsExactly("office", "housing");
        assertThat(tickets.detail(dup.code()).ticket().department()).isEqualTo("housing");
        assertThat(tickets.detail(t.code()).events()).filteredOn(e -> e.kind().equals("transferred")).singleElement()
                .satisfies(e -> assertThat(e.detail()).isEqualTo("office → housing (属住建局职责)"));
        assertThatThrownBy(() -> tickets.transfer(t.code(), "housing", "officer", null))
                .isInstanceOf(TicketException.class).hasMessageContaining("无需转办");
        assertThatThrownBy(() -> tickets.transfer(dup.code(), "office", "officer", null))
                .isInstanceOf(TicketException.class).hasMessageContaining("已并入工单");
        assertThatThrownBy(() -> tickets.transfer(t.code(), "nowhere", "officer", null))
                .isInstanceOf(TicketException.class).hasMessageContaining("没有这个部门");
    }

    @Test
    void onlyADisclosureRequestIsExtendedAndOnlyOnceWithinTheMaximum() {
        TicketService.Created consult = ask("主任信箱多久答复");
        TicketService.Created disclosure = ask(new NewTicket("申请公开本市公租房分配名单", "web", null, "disclosure",
                null, null, false));

        assertThatThrownBy(() -> tickets.extend(consult.code(), 5, "officer", null))
                .isInstanceOf(TicketException.class).hasMessage("咨询工单不能延期");
        assertThatThrownBy(() -> tickets.extend(disclosure.code(), 21, "officer", null))
                .isInstanceOf(TicketException.class).hasMessageContaining("1 到 20 个工作日");

        Ticket extended = tickets.extend(disclosure.code(), 20, "officer", "需征求第三方意见");

        assertThat(extended.timing().extensionDays()).isEqualTo(20);
        assertThat(extended.deadline()).isEqualTo(TicketFixtures.rules().calendar()
                .addWorkingDays(disclosure.deadline(), 20));
        assertThatThrownBy(() -> tickets.extend(disclosure.code(), 1, "officer", null))
                .isInstanceOf(TicketException.class).hasMessageContaining("已延期过一次");
    }

    @Test
    void aCorrectionStopsTheClockAndItsArrivalRestartsIt() {
        TicketService.Created d = ask(new NewTicket("申请公开本市公租房分配名单", "web", null, "disclosure", null,
                null, false));
        assertThatThrownBy(() -> tickets.requestCorrection(ask("主任信箱多久答复").code(), "officer", "x"))
                .isInstanceOf(TicketException.class).hasMessageContaining("没有补正环节");

        tickets.requestCorrection(d.code(), "officer", "请说明所需信息的年份");
        assertThat(tickets.view(d.code(), d.key())).hasValueSatisfying(v -> {
            assertThat(v.status()).isEqualTo("correction");
            assertThat(v.note()).isEqualTo("请说明所需信息的年份");
        });

        // Months later, far past the deadline: a ticket waiting for the citizen is not overdue.
        clock.set(Instant.parse("2027-02-01T02:00:00Z"));
        assertThat(tickets.watch().overdue()).doesNotContain(d.code());

        Ticket restarted = tickets.correctionReceived(d.code(), "officer");

        assertThat(restarted.status()).isEqualTo(Ticket.Status.OPEN);
        assertThat(tickets.view(d.code(), d.key()).orElseThrow().note()).isNull();
        assertThat(restarted.timing().clockStartedOn()).isEqualTo(LocalDate.of(2027, 2, 1));
        assertThat(restarted.deadline()).isEqualTo(TicketFixtures.rules().deadline(
                org.wenzheng.server.tickets.calendar.TicketType.DISCLOSURE, LocalDate.of(2027, 2, 1)));
        assertThatThrownBy(() -> tickets.requestCorrection(d.code(), "officer", "again"))
                .isInstanceOf(TicketException.class).hasMessageContaining("只能要求一次");
    }

    @Test
    void anApplicantWhoLeftAnAddressIsMailedWhatToComplete() {
        TicketService.Created withAddress = ask(new NewTicket("申请公开本市公租房分配名单", "web", null, "disclosure",
                "li.si@example.com", null, true));
        TicketService.Created without = ask(new NewTicket("申请公开本市廉租房分配名单", "web", null, "disclosure", null,
                null, false));

        tickets.requestCorrection(withAddress.code(), "officer", "请说明所需信息的年份");
        tickets.requestCorrection(without.code(), "officer", "请说明所需信息的年份");

        assertThat(outbox(withAddress.code())).filteredOn(n -> n.kind() == TicketNotice.Kind.CORRECTION)
                .singleElement().satisfies(n -> {
                    assertThat(n.recipients()).containsExactly("li.si@example.com");
                    assertThat(n.answer()).hasValue("请说明所需信息的年份");
                    assertThat(n.ticketUrl()).as("no staff link for the citizen").isEmpty();
                    assertThat(n.contact()).isEmpty();
                });
        assertThat(outbox(without.code())).noneMatch(n -> n.kind() == TicketNotice.Kind.CORRECTION);
    }

    @Test
    void aCorrectionMustBeAskedWithinItsWorkingDays() {
        TicketService.Created d = ask(new NewTicket("申请公开本市公租房分配名单", "web", null, "disclosure", null,
                null, false));
        LocalDate last = TicketFixtures.rules().correctionDeadline(
                org.wenzheng.server.tickets.calendar.TicketType.DISCLOSURE, LocalDate.of(2026, 11, 26));
        clock.set(last.plusDays(1).atTime(10, 0).atZone(TicketService.ZONE).toInstant());

        assertThatThrownBy(() -> tickets.requestCorrection(d.code(), "officer", "x"))
                .isInstanceOf(TicketException.class).hasMessageContaining("期限是 " + last);
    }

    @Test
    void aClosedTicketTakesNoMoreActions() {
        TicketService.Created t = ask("主任信箱多久答复");

        tickets.close(t.code(), "officer", "来电已答复");

        assertThat(tickets.view(t.code(), t.key()).orElseThrow().status()).isEqualTo("closed");
        assertThatThrownBy(() -> tickets.transfer(t.code(), "hrss", "officer", null))
                .isInstanceOf(TicketException.class).hasMessageContaining("已关闭");
        assertThat(db.inTransaction(c -> tickets.recordAnswer(c, t.code(), tickets.prepare("迟到的答复"),
                "officer@wenzheng.local",
                "mail", clock.instant())).recorded()).isFalse();
    }

    // ------------------------------------------------------------------ the deadline watcher

    @Test
    void theReminderComesOnItsDayAndTheSupervisorHearsOfAnOverdueTicketOnce() {
        TicketService.Created t = ask("主任信箱多久答复");
        // Deadline Tuesday 1 December; the reminder is due one working day before, Monday 30 November.
        clock.set(Instant.parse("2026-11-27T09:00:00Z"));
        assertThat(tickets.watch().reminded()).isEmpty();

        clock.set(Instant.parse("2026-11-30T01:00:00Z"));
        assertThat(tickets.watch().reminded()).containsExactly(t.code());
        assertThat(tickets.watch().reminded()).isEmpty();

        clock.set(Instant.parse("2026-12-01T15:00:00Z"));
        // 23:00 on the deadline day in Beijing: not yet overdue.
        assertThat(tickets.watch().overdue()).isEmpty();
        clock.set(Instant.parse("2026-12-01T16:00:00Z"));
        assertThat(tickets.watch().overdue()).containsExactly(t.code());

        List<TicketNotice> notices = outbox(t.code());
        assertThat(notices).extracting(TicketNotice::kind).containsExactly(TicketNotice.Kind.ESCALATION,
                TicketNotice.Kind.REMINDER, TicketNotice.Kind.OVERDUE);
        assertThat(notices.get(1).recipients()).containsExactly("officer@wenzheng.local");
        assertThat(notices.get(2).recipients()).containsExactly("supervisor@wenzheng.local");

        // A restarted server finds the state in the database: nothing is sent twice.
        reopen();
        assertThat(tickets.watch()).isEqualTo(new TicketService.Watched(List.of(), List.of()));
        assertThat(count("SELECT COUNT(*) FROM outbox")).isEqualTo(3);
        assertThat(eventKinds(t.code())).containsExactly("created", "routed", "escalated", "reminded", "overdue");
    }

    @Test
    void theWatcherThreadSendsTheReminderOnItsOwn() throws Exception {
        TicketService.Created t = ask("主任信箱多久答复");
        clock.set(Instant.parse("2026-11-30T01:00:00Z"));

        try (org.wenzheng.server.db.Leadership leadership = org.wenzheng.server.db.Leadership.of(db,
                org.wenzheng.server.db.ClusterConfig.node("node-1"));
                DeadlineWatcher watcher = new DeadlineWatcher(tickets, Duration.ofMillis(50),
                        leadership.singleton("deadlines"))) {
            leadership.start();
            watcher.start();
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (outbox(t.code()).size() < 2 && System.nanoTime() < until) {
                Thread.sleep(20);
            }
            // Several passes later, still one reminder.
            Thread.sleep(200);
        }

        assertThat(outbox(t.code())).extracting(TicketNotice::kind).containsExactly(TicketNotice.Kind.ESCALATION,
                TicketNotice.Kind.REMINDER);
    }

    @Test
    void anAnsweredTicketIsNeitherRemindedNorOverdue() {
        TicketService.Created t = ask("主任信箱多久答复");
        tickets.answer(t.code(), "答复", "officer");

        clock.set(Instant.parse("2026-12-10T02:00:00Z"));

        assertThat(tickets.watch()).isEqualTo(new TicketService.Watched(List.of(), List.of()));
    }

    @Test
    void theReminderThreadsOnTheEscalationMail() {
        TicketService.Created t = ask("主任信箱多久答复");
        db.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE outbox SET status = 'sent', delivered_id = 'wz-esc@wenzheng.local' WHERE ticket_code = ?")) {
                s.setString(1, t.code());
                s.executeUpdate();
            }
            return null;
        });
        clock.set(Instant.parse("2026-11-30T01:00:00Z"));

        tickets.watch();

        assertThat(outbox(t.code()).get(1).threadId()).hasValue("wz-esc@wenzheng.local");
    }

    // ------------------------------------------------------------------ letters: attachments and 补充

    /** The fixtures' desk with one mailbox, 主任信箱, whose letters go to the office. */
    private TicketService letterDesk() {
        TicketsConfig f = TicketFixtures.config();
        TicketsConfig withMailbox = new TicketsConfig(f.departments(), f.defaultDepartment(), f.keyBytes(),
                f.maxQuestionChars(), f.maxEmailChars(), f.maxPhoneChars(), f.createRateLimit(), f.dedupStripPhrases(),
                f.maxCandidates(), f.watchInterval(), f.staffUrl(), f.tracking(),
                List.of(new Mailbox("director", "主任信箱", "写给主任", List.of("office"), true)));
        return new TicketService(db, withMailbox, TicketFixtures.rules(), knowledge, conversations, clock);
    }

    /**
     * What the letters package stores with a letter and a 补充: its row and an attachment's (V14),
     * here by plain SQL so that the ticket desk's transaction is shown to carry them on this database.
     */
    private static StoredWithTicket letterRows(String fileId, boolean letterRow) {
        return (c, code) -> {
            if (letterRow) {
                try (PreparedStatement s = c.prepareStatement(
                        "INSERT INTO letters (ticket_code, via, writer_name, publish_consent) VALUES (?, 'form', NULL, ?)")) {
                    s.setString(1, code);
                    s.setBoolean(2, false);
                    s.executeUpdate();
                }
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO letter_attachments (id, ticket_code, file_name,"
                    + " content_type, size_bytes, sha256, stored_name, added_at, position)"
                    + " VALUES (?, ?, ?, 'application/pdf', 120, ?, ?, ?, 0)")) {
                s.setString(1, fileId);
                s.setString(2, code);
                s.setString(3, "申请表.pdf");
                s.setString(4, "a".repeat(64));
                s.setString(5, "stored-" + fileId);
                SqlTimes.set(s, 6, THURSDAY_9AM);
                s.executeUpdate();
            }
        };
    }

    @Test
    void aLettersAttachmentsAreListedInItsEscalationAndItsEventsInOneTransaction() {
        TicketService desk = letterDesk();
        List<TicketNotice.Attachment> files = List.of(new TicketNotice.Attachment("申请表.pdf", 120));
        TicketService.Created c = desk.create(new NewTicket("请问申请公开要什么材料", "letter", null, "consultation", null,
                null, false, new NewTicket.Letter(desk.config().mailbox("director").orElseThrow(), "申请材料",
                        "申请材料。请问申请公开要什么材料", files)), letterRows("f1", true));

        assertThat(outbox(c.code())).singleElement().satisfies(n -> {
            assertThat(n.kind()).isEqualTo(TicketNotice.Kind.ESCALATION);
            assertThat(n.filing().attachments()).isEqualTo(files);
        });
        assertThat(count("SELECT COUNT(*) FROM letter_attachments WHERE ticket_code = ?", c.code())).isEqualTo(1);
        assertThat(desk.view(c.code(), c.key()).orElseThrow().attachments()).isEqualTo(files);
    }

    @Test
    void aSupplementWithTheKeyIsRecordedAndMailedAndRefusedOtherwise() {
        TicketService desk = letterDesk();
        TicketService.Created c = desk.create(new NewTicket("窗口办事拖延", "letter", null, "complaint", null, null, false,
                new NewTicket.Letter(desk.config().mailbox("director").orElseThrow(), "投诉", "投诉。窗口办事拖延")),
                letterRows("f0", true));
        List<TicketNotice.Attachment> files = List.of(new TicketNotice.Attachment("申请表.pdf", 120));

        assertThat(desk.supplement(c.code(), "wrong-key", "冒名", files, letterRows("f2", false)))
                .isEqualTo(TicketService.Supplement.NOT_FOUND);
        assertThat(desk.supplement("WZ-20000101-0001", c.key(), "无此件", files, letterRows("f3", false)))
                .isEqualTo(TicketService.Supplement.NOT_FOUND);
        assertThat(desk.supplement(c.code(), c.key(), "补充：3 号窗口", files, letterRows("f4", false)))
                .isEqualTo(TicketService.Supplement.ADDED);

        assertThat(count("SELECT COUNT(*) FROM letter_attachments WHERE ticket_code = ?", c.code())).isEqualTo(2);
        assertThat(count("SELECT COUNT(*) FROM ticket_events WHERE ticket_code = ? AND kind = 'supplemented'", c.code()))
                .isEqualTo(1);
        assertThat(outbox(c.code())).filteredOn(n -> n.kind() == TicketNotice.Kind.SUPPLEMENT).singleElement()
                .satisfies(n -> {
                    assertThat(n.recipients()).containsExactly("officer@wenzheng.local");
                    assertThat(n.answer()).hasValue("补充：3 号窗口");
                    assertThat(n.filing().attachments()).isEqualTo(files);
                });
        assertThat(desk.view(c.code(), c.key()).orElseThrow().additions()).extracting(TicketService.Addition::text)
                .containsExactly("补充：3 号窗口");

        desk.close(c.code(), "admin", "撤回");
        assertThat(desk.supplement(c.code(), c.key(), "太晚了", List.of(), StoredWithTicket.NOTHING))
                .isEqualTo(TicketService.Supplement.CLOSED);
        TicketService.Created chat = ask("社保怎么转移");
        assertThat(desk.supplement(chat.code(), chat.key(), "补充", List.of(), StoredWithTicket.NOTHING))
                .isEqualTo(TicketService.Supplement.NOT_A_LETTER);
        assertThat(count("SELECT COUNT(*) FROM ticket_events WHERE kind = 'supplemented'")).isEqualTo(1);
    }
}
