package org.wenzheng.server.interviews;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wenzheng.server.db.Database;
import org.wenzheng.server.db.DatabaseConfig;
import org.wenzheng.server.db.StoreException;
import org.wenzheng.server.staff.AccountStore;
import org.wenzheng.server.staff.Role;

/**
 * Online interviews in the database, the same on every database the store supports: duplicate
 * merging, queue and feed order, the transcript, what the end of an event leaves to escalate, and
 * the answers to its tickets published afterwards.
 * Subclasses supply a fresh, empty database per test.
 */
abstract class InterviewStoreTest {
    static final Instant NOW = Instant.parse("2026-11-26T09:30:15.123456789Z");

    @TempDir
    java.nio.file.Path work;

    private Database db;
    private InterviewStore store;
    private long officer;
    private long otherOfficer;
    private long moderator;

    abstract DatabaseConfig config();

    abstract void dropDatabase() throws Exception;

    @BeforeEach
    final void openAndSeed() {
        db = Database.open(config());
        store = new InterviewStore(db, Clock.fixed(NOW, ZoneOffset.UTC));
        AccountStore accounts = new AccountStore(db, Clock.fixed(NOW, ZoneOffset.UTC));
        accounts.createIfMissing("liu", "刘明", Role.OFFICER, "not-a-hash");
        accounts.createIfMissing("zhao", "赵刚", Role.OFFICER, "not-a-hash");
        accounts.createIfMissing("host", "主持人", Role.MODERATOR, "not-a-hash");
        officer = accounts.findByUsername("liu").orElseThrow().id();
        otherOfficer = accounts.findByUsername("zhao").orElseThrow().id();
        moderator = accounts.findByUsername("host").orElseThrow().id();
    }

    @AfterEach
    final void closeAndDrop() throws Exception {
        if (db != null) {
            db.close();
        }
        dropDatabase();
    }

    private Interview event() {
        return store.create(new InterviewStore.Draft("社保政策在线访谈", "说明", NOW, NOW.plus(Duration.ofHours(2)),
                moderator, List.of(new InterviewStore.Seat(officer, "市人社局副局长"))));
    }

    /**
     * Joins the oldest entry whose key shares the question's first two characters: a stand-in for
     * the bigram measure, so that these tests read as which entries are alike.
     */
    private static InterviewStore.Join like(String key) {
        return joinable -> joinable.stream()
                .filter(e -> e.key().length() >= 2 && key.length() >= 2 && e.key().startsWith(key.substring(0, 2)))
                .findFirst();
    }

    private InterviewStore.Submitted ask(long id, String question) {
        return store.submit(id, new InterviewStore.Submission(question, question, null), like(question), null);
    }

    private InterviewStore.Submitted askAnswered(long id, String question) {
        return store.submit(id, new InterviewStore.Submission(question, question, "网友甲"), like(question),
                new InterviewStore.BotAnswer("机器回答：" + question, "[{\"title\":\"条例\"}]", 0.8));
    }

    @Test
    void anEventKeepsItsGuestsWithTheirTitlesAndItsModerator() {
        Interview i = event();

        Interview found = store.find(i.id()).orElseThrow();
        assertThat(found.status()).isEqualTo(Interview.Status.SCHEDULED);
        assertThat(found.guests()).containsExactly(new Interview.Guest(officer, "liu", "刘明", "市人社局副局长"));
        assertThat(found.moderator().username()).isEqualTo("host");
        assertThat(found.startsAt()).isEqualTo(NOW.truncatedTo(java.time.temporal.ChronoUnit.MICROS));
        assertThat(store.list()).extracting(Interview::id).containsExactly(i.id());
        assertThat(store.find(i.id() + 1000)).isEmpty();
    }

    @Test
    void aNearDuplicateJoinsTheQueuedEntryAndRaisesItsCountInsteadOfQueueingAgain() {
        long id = event().id();

        InterviewStore.Submitted first = ask(id, "养老保险怎么转移");
        InterviewStore.Submitted second = ask(id, "养老保险可以转移吗");
        InterviewStore.Submitted other = ask(id, "失业金怎么领");

        assertThat(first.outcome()).isEqualTo(InterviewStore.Outcome.QUEUED);
        assertThat(second.outcome()).isEqualTo(InterviewStore.Outcome.MERGED);
        assertThat(second.entry().id()).isEqualTo(first.questionId());
        assertThat(second.questionId()).as("the duplicate is kept as its own row").isNotEqualTo(first.questionId());
        assertThat(other.outcome()).isEqualTo(InterviewStore.Outcome.QUEUED);
        assertThat(store.entries(id)).extracting(InterviewQuestion::question, InterviewQuestion::askCount)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("养老保险怎么转移", 2),
                        org.assertj.core.groups.Tuple.tuple("失业金怎么领", 1));
        assertThat(store.find(id).orElseThrow().asks()).as("every asker is counted").isEqualTo(3);
    }

    @Test
    void theBotsAnswerIsPublishedAtOnceAndItsRepeatsJoinItNotTheQueue() {
        long id = event().id();
        ask(id, "医保报销比例");

        InterviewStore.Submitted answered = askAnswered(id, "医保报销比例是多少");
        InterviewStore.Submitted again = askAnswered(id, "医保报销比例多少");

        assertThat(answered.outcome()).isEqualTo(InterviewStore.Outcome.BOT_ANSWERED);
        assertThat(answered.entry().feedSeq()).isEqualTo(1);
        assertThat(answered.entry().answer().source()).isEqualTo(InterviewQuestion.Answer.Source.BOT);
        assertThat(answered.entry().answer().citationsJson()).isEqualTo("[{\"title\":\"条例\"}]");
        assertThat(answered.entry().askerName()).isEqualTo("网友甲");
        assertThat(again.outcome()).isEqualTo(InterviewStore.Outcome.MERGED);
        assertThat(again.entry().id()).isEqualTo(answered.questionId());
        assertThat(again.entry().askCount()).isEqualTo(2);
        assertThat(store.feed(id, 0, 100)).extracting(InterviewQuestion::id).containsExactly(answered.questionId());
        assertThat(store.entries(id)).extracting(InterviewQuestion::status).containsExactly(
                InterviewQuestion.Status.QUEUED, InterviewQuestion.Status.BOT_ANSWERED);
    }

    @Test
    void aGuestsAnswerToAnAssignedQuestionTakesTheNextPlaceInTheFeed() {
        long id = event().id();
        long q1 = ask(id, "公积金贷款额度").questionId();
        long q2 = ask(id, "异地就医备案").questionId();
        store.start(id);
        askAnswered(id, "社保卡补办");

        assertThat(store.assign(id, q2, officer)).isEqualTo(InterviewStore.Change.DONE);
        assertThat(store.assign(id, q1, otherOfficer)).as("not a guest of this event")
                .isEqualTo(InterviewStore.Change.NOT_FOUND);
        assertThat(store.assignedTo(id, officer)).extracting(InterviewQuestion::id).containsExactly(q2);
        assertThat(store.answer(id, q1, officer, "未分配")).as("not assigned to this guest")
                .isEqualTo(InterviewStore.Change.NOT_FOUND);

        assertThat(store.answer(id, q2, officer, "备案可以在网上办理。")).isEqualTo(InterviewStore.Change.DONE);

        assertThat(store.answer(id, q2, officer, "再答一次")).isEqualTo(InterviewStore.Change.CONFLICT);
        List<InterviewQuestion> feed = store.feed(id, 0, 100);
        assertThat(feed).extracting(InterviewQuestion::feedSeq).containsExactly(1, 2);
        InterviewQuestion answered = feed.get(1);
        assertThat(answered.id()).isEqualTo(q2);
        assertThat(answered.answer().text()).isEqualTo("备案可以在网上办理。");
        assertThat(answered.answer().guest().title()).isEqualTo("市人社局副局长");
        assertThat(answered.answer().guest().displayName()).isEqualTo("刘明");
        assertThat(store.feed(id, 1, 100)).extracting(InterviewQuestion::id).containsExactly(q2);
        assertThat(store.feed(id, 0, 1)).hasSize(1);
        assertThat(store.feedHead(id)).contains(new InterviewStore.FeedHead(2, Interview.Status.LIVE, 3));
    }

    @Test
    void aRejectedQuestionIsNeverPublishedNorEscalatedAndCannotBeAssigned() {
        long id = event().id();
        long q = ask(id, "无关内容").questionId();

        assertThat(store.reject(id, q)).isEqualTo(InterviewStore.Change.DONE);

        assertThat(store.assign(id, q, officer)).isEqualTo(InterviewStore.Change.CONFLICT);
        assertThat(store.reject(id, q)).isEqualTo(InterviewStore.Change.CONFLICT);
        assertThat(store.reject(id, q + 1000)).isEqualTo(InterviewStore.Change.NOT_FOUND);
        store.end(id);
        assertThat(store.feed(id, 0, 100)).isEmpty();
        assertThat(store.toEscalate(id)).isEmpty();
    }

    @Test
    void undoingARejectionGivesTheQuestionBackToItsGuestOrTheQueue() {
        long id = event().id();
        long assigned = ask(id, "养老保险怎么转移").questionId();
        long queued = ask(id, "失业金怎么领").questionId();
        store.assign(id, assigned, officer);
        store.reject(id, assigned);
        store.reject(id, queued);

        assertThat(store.unreject(id, assigned)).isEqualTo(InterviewStore.Change.DONE);
        assertThat(store.unreject(id, queued)).isEqualTo(InterviewStore.Change.DONE);

        assertThat(store.entries(id)).extracting(InterviewQuestion::id, InterviewQuestion::status,
                e -> e.assignedTo() == null ? null : e.assignedTo().accountId())
                .containsExactly(tuple(assigned, InterviewQuestion.Status.ASSIGNED, officer),
                        tuple(queued, InterviewQuestion.Status.QUEUED, null));
        assertThat(store.assignedTo(id, officer)).extracting(InterviewQuestion::id).containsExactly(assigned);
        assertThat(store.unreject(id, queued)).as("not rejected any more").isEqualTo(InterviewStore.Change.CONFLICT);
        assertThat(store.unreject(id, queued + 1000)).isEqualTo(InterviewStore.Change.NOT_FOUND);
    }

    @Test
    void aRejectionIsNoLongerUndoneOnceTheWindowHasPassedOrTheEventHasEnded() {
        long id = event().id();
        long late = ask(id, "养老保险怎么转移").questionId();
        long ended = ask(id, "失业金怎么领").questionId();
        store.reject(id, late);
        store.reject(id, ended);
        InterviewStore later = new InterviewStore(db, Clock.fixed(NOW.plus(InterviewStore.UNDO_WINDOW)
                .plusSeconds(1), ZoneOffset.UTC));

        assertThat(later.unreject(id, late)).isEqualTo(InterviewStore.Change.CONFLICT);
        store.end(id);
        assertThat(store.unreject(id, ended)).isEqualTo(InterviewStore.Change.CONFLICT);

        assertThat(store.entries(id)).extracting(InterviewQuestion::status)
                .containsOnly(InterviewQuestion.Status.REJECTED);
        assertThat(store.toEscalate(id)).isEmpty();
    }

    @Test
    void anUndoneRejectionOfARemovedGuestsQuestionGoesBackToTheQueue() {
        Interview i = event();
        long q = ask(i.id(), "养老保险怎么转移").questionId();
        store.assign(i.id(), q, officer);
        store.reject(i.id(), q);
        store.update(i.id(), new InterviewStore.Draft(i.title(), i.description(), i.startsAt(), i.endsAt(), moderator,
                List.of(new InterviewStore.Seat(otherOfficer, "市医保局局长"))));

        assertThat(store.unreject(i.id(), q)).isEqualTo(InterviewStore.Change.DONE);

        InterviewQuestion back = store.entries(i.id()).get(0);
        assertThat(back.status()).isEqualTo(InterviewQuestion.Status.QUEUED);
        assertThat(back.assignedTo()).isNull();
    }

    @Test
    void endingLeavesEveryUnansweredQuestionToEscalateAndTheTranscriptInOrder() {
        long id = event().id();
        store.start(id);
        long queued = ask(id, "失业保险金标准").questionId();
        long assigned = ask(id, "工伤认定时限").questionId();
        long answered = ask(id, "生育津贴发放").questionId();
        long rejected = ask(id, "广告").questionId();
        long bot = askAnswered(id, "社保卡挂失").questionId();
        store.assign(id, assigned, officer);
        store.assign(id, answered, officer);
        store.answer(id, answered, officer, "按月发放。");
        store.reject(id, rejected);

        assertThat(store.end(id)).isEqualTo(InterviewStore.Change.DONE);

        assertThat(store.end(id)).isEqualTo(InterviewStore.Change.CONFLICT);
        assertThat(store.find(id).orElseThrow().status()).isEqualTo(Interview.Status.ENDED);
        assertThat(store.toEscalate(id)).extracting(InterviewQuestion::id).containsExactly(queued, assigned);
        assertThat(store.feed(id, 0, 100)).extracting(InterviewQuestion::id).containsExactly(bot, answered);
        assertThat(ask(id, "结束后提问").outcome()).isEqualTo(InterviewStore.Outcome.CLOSED);
        assertThat(store.assign(id, queued, officer)).isEqualTo(InterviewStore.Change.CONFLICT);
        assertThat(store.entries(id)).hasSize(5);

        assertThat(store.markEscalated(queued, "WZ-20261126-1")).isTrue();
        assertThat(store.markEscalated(queued, "WZ-20261126-2")).as("once").isFalse();
        assertThat(store.toEscalate(id)).extracting(InterviewQuestion::id).containsExactly(assigned);
        assertThat(store.entries(id)).filteredOn(q -> q.id() == queued).singleElement()
                .extracting(InterviewQuestion::status, InterviewQuestion::ticketCode)
                .containsExactly(InterviewQuestion.Status.ESCALATED, "WZ-20261126-1");
    }

    @Test
    void removingAGuestSendsTheirOpenQuestionsBackToTheQueue() {
        Interview i = event();
        long q = ask(i.id(), "灵活就业参保").questionId();
        store.assign(i.id(), q, officer);

        Interview changed = store.update(i.id(), new InterviewStore.Draft("新标题", "", NOW, NOW.plusSeconds(60), null,
                List.of(new InterviewStore.Seat(otherOfficer, "市医保局处长")))).orElseThrow();

        assertThat(changed.title()).isEqualTo("新标题");
        assertThat(changed.moderator()).isNull();
        assertThat(changed.guests()).extracting(Interview.Guest::username).containsExactly("zhao");
        InterviewQuestion back = store.entries(i.id()).get(0);
        assertThat(back.status()).isEqualTo(InterviewQuestion.Status.QUEUED);
        assertThat(back.assignedTo()).isNull();
        assertThat(store.update(i.id() + 1000, new InterviewStore.Draft("x", "", NOW, NOW.plusSeconds(1), null,
                List.of()))).isEmpty();
    }

    @Test
    void questionsToAnUnknownEventAreRefusedAndNothingIsStored() {
        assertThat(ask(4242, "问题").outcome()).isEqualTo(InterviewStore.Outcome.NOT_FOUND);
        assertThat(store.feedHead(4242)).isEmpty();
        assertThat(store.start(4242)).isEqualTo(InterviewStore.Change.NOT_FOUND);
        assertThat(store.end(4242)).isEqualTo(InterviewStore.Change.NOT_FOUND);
    }

    @Test
    void copiesOfOneQuestionSentAtOnceOpenOneEntry() throws Exception {
        long id = event().id();
        int copies = 8;
        ExecutorService pool = Executors.newFixedThreadPool(copies);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<InterviewStore.Submitted>> sent = new ArrayList<>();
            for (int k = 0; k < copies; k++) {
                Callable<InterviewStore.Submitted> task = () -> {
                    go.await();
                    return ask(id, "养老金调整");
                };
                sent.add(pool.submit(task));
            }
            go.countDown();
            for (Future<InterviewStore.Submitted> f : sent) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(store.entries(id)).singleElement().extracting(InterviewQuestion::askCount).isEqualTo(copies);
        assertThat(store.find(id).orElseThrow().asks()).isEqualTo(copies);
    }

    // ------------------------------------------------------------------ answers after the event (会后答复)

    /** Ends the event with these questions unanswered, each made the ticket WZ-20261128-000n in order. */
    private void endAndEscalate(long id, long... questions) {
        store.end(id);
        for (int k = 0; k < questions.length; k++) {
            assertThat(store.markEscalated(questions[k], ticket(k + 1))).isTrue();
        }
    }

    private static String ticket(int n) {
        return "WZ-20261128-000" + n;
    }

    private Optional<InterviewQuestion> publishLater(String ticketCode, String text, Instant at) {
        return db.inTransaction(c -> store.publishTicketAnswer(c, ticketCode, "人力资源和社会保障局", text, at));
    }

    @Test
    void aTicketsAnswerAfterTheEventIsPublishedUnderTheDepartmentWithTheEventsNextFeedSeq() {
        long id = event().id();
        store.start(id);
        long bot = askAnswered(id, "社保卡挂失").questionId();
        long left = ask(id, "失业保险金标准").questionId();
        long duplicate = ask(id, "失业保险金标准是多少").questionId();
        long other = ask(id, "工伤认定时限").questionId();
        endAndEscalate(id, left, other);
        Instant later = NOW.plus(Duration.ofDays(2));

        Optional<InterviewQuestion> published = publishLater(ticket(1), "按上年度最低工资的 90% 按月发放。", later);

        assertThat(published).isPresent();
        InterviewQuestion q = published.get();
        assertThat(q.id()).isEqualTo(left);
        assertThat(q.status()).isEqualTo(InterviewQuestion.Status.ANSWERED_LATER);
        assertThat(q.feedSeq()).as("after the bot's answer given during the event").isEqualTo(2);
        assertThat(q.ticketCode()).isEqualTo(ticket(1));
        assertThat(q.askCount()).as("its merged near-duplicate is still counted in it").isEqualTo(2);
        InterviewQuestion.Answer a = q.answer();
        assertThat(a.source()).isEqualTo(InterviewQuestion.Answer.Source.OFFICER);
        assertThat(a.department()).isEqualTo("人力资源和社会保障局");
        assertThat(a.guest()).isNull();
        assertThat(a.text()).isEqualTo("按上年度最低工资的 90% 按月发放。");
        assertThat(a.createdAt()).isEqualTo(later.truncatedTo(ChronoUnit.MICROS));
        assertThat(store.feed(id, 0, 100)).extracting(InterviewQuestion::id).containsExactly(bot, left);
        assertThat(store.feed(id, 1, 100)).extracting(InterviewQuestion::id).as("a viewer polling after the end")
                .containsExactly(left);
        assertThat(store.feedHead(id)).contains(new InterviewStore.FeedHead(2, Interview.Status.ENDED, 4));
        assertThat(store.entries(id)).extracting(InterviewQuestion::id, InterviewQuestion::status).containsExactly(
                tuple(bot, InterviewQuestion.Status.BOT_ANSWERED), tuple(left, InterviewQuestion.Status.ANSWERED_LATER),
                tuple(other, InterviewQuestion.Status.ESCALATED));
        assertThat(status(duplicate)).as("as when a guest answers: the duplicate stays merged into its entry")
                .isEqualTo("merged");
    }

    @Test
    void aSecondAnswerToTheSameTicketPublishesNothing() {
        long id = event().id();
        long left = ask(id, "失业保险金标准").questionId();
        endAndEscalate(id, left);
        publishLater(ticket(1), "第一次答复", NOW.plusSeconds(60));

        Optional<InterviewQuestion> again = publishLater(ticket(1), "第二次答复", NOW.plusSeconds(120));

        assertThat(again).isEmpty();
        assertThat(store.feed(id, 0, 100)).singleElement().satisfies(q -> {
            assertThat(q.answer().text()).isEqualTo("第一次答复");
            assertThat(q.feedSeq()).isEqualTo(1);
        });
        assertThat(store.feedHead(id).orElseThrow().lastSeq()).isEqualTo(1);
    }

    @Test
    void aTicketNoEscalatedQuestionWaitsForPublishesNothing() {
        long id = event().id();
        long waiting = ask(id, "失业保险金标准").questionId();
        store.end(id);

        assertThat(publishLater("WZ-20261128-0042", "别的渠道的工单", NOW)).as("a ticket of another channel").isEmpty();

        assertThat(store.feed(id, 0, 100)).isEmpty();
        assertThat(store.feedHead(id).orElseThrow().lastSeq()).isZero();
        assertThat(store.toEscalate(id)).extracting(InterviewQuestion::id).containsExactly(waiting);
        store.markEscalated(waiting, ticket(1));
        assertThat(publishLater(ticket(1), "本场的工单", NOW)).as("its own ticket, once made").isPresent();
    }

    @Test
    void anAnswerWhoseTicketTransactionRollsBackIsNotPublished() {
        long id = event().id();
        long left = ask(id, "失业保险金标准").questionId();
        endAndEscalate(id, left);

        assertThatThrownBy(() -> db.inTransaction(c -> {
            store.publishTicketAnswer(c, ticket(1), "人力资源和社会保障局", "答复", NOW);
            throw new SQLException("recording the ticket's answer failed after it");
        })).isInstanceOf(StoreException.class);

        assertThat(store.feed(id, 0, 100)).isEmpty();
        assertThat(store.feedHead(id).orElseThrow().lastSeq()).isZero();
        assertThat(store.entries(id)).singleElement().extracting(InterviewQuestion::status)
                .isEqualTo(InterviewQuestion.Status.ESCALATED);
        assertThat(publishLater(ticket(1), "答复", NOW)).as("the next answer is published").isPresent();
    }

    @Test
    void answersToSeveralTicketsAtOnceTakeDistinctFeedSeqs() throws Exception {
        long id = event().id();
        store.start(id);
        askAnswered(id, "社保卡挂失");
        String[] questions = {"一号问题", "二号问题", "三号问题", "四号问题", "五号问题", "六号问题"};
        long[] ids = new long[questions.length];
        for (int k = 0; k < questions.length; k++) {
            ids[k] = ask(id, questions[k]).questionId();
        }
        endAndEscalate(id, ids);
        ExecutorService pool = Executors.newFixedThreadPool(questions.length);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<Optional<InterviewQuestion>>> sent = new ArrayList<>();
            for (int k = 0; k < questions.length; k++) {
                String code = ticket(k + 1);
                Callable<Optional<InterviewQuestion>> task = () -> {
                    go.await();
                    return publishLater(code, "答复 " + code, NOW);
                };
                sent.add(pool.submit(task));
            }
            go.countDown();
            for (Future<Optional<InterviewQuestion>> f : sent) {
                assertThat(f.get(60, TimeUnit.SECONDS)).isPresent();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(store.feed(id, 0, 100)).extracting(InterviewQuestion::feedSeq)
                .containsExactly(1, 2, 3, 4, 5, 6, 7);
        assertThat(store.feedHead(id).orElseThrow().lastSeq()).isEqualTo(7);
    }

    private String status(long questionId) {
        return db.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT status FROM interview_questions WHERE id = ?")) {
                s.setLong(1, questionId);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    return r.getString(1);
                }
            }
        });
    }

    @Test
    void theStaffPickersListOfficersAndModeratorsByRole() {
        assertThat(store.staff(java.util.EnumSet.of(Role.OFFICER))).extracting(InterviewStore.StaffMember::username)
                .containsExactlyInAnyOrder("liu", "zhao");
        assertThat(store.staff(java.util.EnumSet.of(Role.MODERATOR))).extracting(InterviewStore.StaffMember::username)
                .containsExactly("host");
    }
}
