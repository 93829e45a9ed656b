package org.wenzheng.server.satisfaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wenzheng.app.RepoRoot;
import org.wenzheng.knowledge.KnowledgeBase;
import org.wenzheng.knowledge.KnowledgeConfig;
import org.wenzheng.knowledge.engine.KnowledgeBases;
import org.wenzheng.server.chat.ConversationStore;
import org.wenzheng.server.db.Database;
import org.wenzheng.server.db.DatabaseConfig;
import org.wenzheng.server.tickets.AnswerRating;
import org.wenzheng.server.tickets.Department;
import org.wenzheng.server.tickets.NewTicket;
import org.wenzheng.server.tickets.TicketService;
import org.wenzheng.server.tickets.TicketsConfig;
import org.wenzheng.server.tickets.calendar.DeadlineRules;
import org.wenzheng.server.tickets.calendar.WorkingCalendar;
import org.wenzheng.testing.MovableClock;

/**
 * Ratings and call-backs on a real database, the same on every database supported: each subclass
 * gives a fresh, empty one per test (SQLite always, PostgreSQL when configured). Time moves only
 * when a test moves the clock.
 */
abstract class SatisfactionStoreTest {
    /** Thursday 2026-11-26, 09:00 in Beijing. */
    static final Instant THURSDAY_9AM = Instant.parse("2026-11-26T01:00:00Z");
    static final Department OFFICE = new Department("office", "综合办公室", List.of("officer@wenzheng.local"),
            List.of("officer@wenzheng.local"), "supervisor@wenzheng.local", false, "mail", Department.Routing.NONE);
    static final Department HRSS = new Department("hrss", "人力资源和社会保障局", List.of("hrss@wenzheng.local"),
            List.of("hrss@wenzheng.local"), "boss@wenzheng.local", true, "mail",
            new Department.Routing(List.of("工资"), List.of(), List.of()));

    @TempDir
    static Path indexDir;
    static KnowledgeBase knowledge;

    @TempDir
    Path work;

    MovableClock clock;
    Database db;
    TicketService tickets;
    SatisfactionService satisfaction;
    DeadlineRules rules;

    abstract DatabaseConfig config();

    abstract void dropDatabase() throws Exception;

    @BeforeAll
    static void index() throws IOException {
        Path docs = Files.createDirectories(indexDir.resolve("docs"));
        Files.writeString(docs.resolve("信箱.md"), """
                ---
                issuer: 示例市人民政府办公室
                date: 2025-03-01
                ---
                # 主任信箱使用说明

                市民可以通过主任信箱反映问题，工作人员在三个工作日内答复。
                """);
        KnowledgeConfig config = KnowledgeConfig.of(indexDir.resolve("index"), List.of(docs), List.of(), null, null);
        KnowledgeBases.index(config, p -> { }, false);
        knowledge = KnowledgeBases.open(config);
    }

    @AfterAll
    static void closeIndex() throws Exception {
        knowledge.close();
    }

    @BeforeEach
    final void open() {
        clock = new MovableClock(THURSDAY_9AM);
        db = Database.open(config());
        rules = DeadlineRules.defaults(WorkingCalendar.load(RepoRoot.find().resolve("config/calendar.yaml"),
                "config/calendar.yaml"));
        tickets = new TicketService(db, TicketsConfig.defaults(List.of(OFFICE, HRSS), "office"), rules, knowledge,
                new ConversationStore(db, clock), clock);
        satisfaction = new SatisfactionService(db, tickets, SatisfactionConfig.defaults(), rules.calendar(), clock);
    }

    @AfterEach
    final void closeAndDrop() throws Exception {
        if (db != null) {
            db.close();
        }
        dropDatabase();
    }

    String answered(String question, String type) {
        String code = tickets.create(new NewTicket(question, "web", null, type, null, "13812345678", true)).code();
        tickets.answer(code, "已处理。", "wang");
        return code;
    }

    @Test
    void aRatingIsKeptOncePerAnswerAndTheSecondUnsatisfiedClosesTheTicket() {
        String code = answered("工资拖欠了三个月怎么办", "complaint");
        SatisfactionService.Rated first = satisfaction.rate(code, Rating.UNSATISFIED, "没解决");
        assertThat(first.effect()).isEqualTo(AnswerRating.Effect.REOPEN);
        assertThat(first.status()).isEqualTo("open");
        assertThat(tickets.detail(code).ticket().department()).isEqualTo("hrss");
        assertThat(tickets.detail(code).ticket().deadline()).isEqualTo(rules.deadline(
                org.wenzheng.server.tickets.calendar.TicketType.COMPLAINT, LocalDate.of(2026, 11, 26)));
        assertThatThrownBy(() -> satisfaction.rate(code, Rating.SATISFIED, null))
                .isInstanceOf(AnswerRating.Refused.class);

        clock.advance(Duration.ofHours(1));
        tickets.answer(code, "已督促用人单位支付。", "boss@wenzheng.local");
        SatisfactionService.Rated second = satisfaction.rate(code, Rating.UNSATISFIED, "还没到账");
        assertThat(second.effect()).isEqualTo(AnswerRating.Effect.CLOSE);
        assertThat(second.status()).isEqualTo("closed");

        String other = answered("小区路灯不亮了", "consultation");
        satisfaction.rate(other, Rating.BASIC, null);
        assertThatThrownBy(() -> satisfaction.rate(other, Rating.SATISFIED, null))
                .isInstanceOf(AnswerRating.Refused.class).hasMessage("您已经评价过这次答复，每次答复只能评价一次");
        answered("公园几点开门", "consultation");

        SatisfactionService.Figures f = satisfaction.counts(LocalDate.of(2026, 11, 26), LocalDate.of(2026, 11, 27));
        assertThat(f.total()).isEqualTo(new SatisfactionService.Counts(null, 0, 1, 1, 1, 1));
        assertThat(f.departments()).extracting(SatisfactionService.Counts::department).containsExactly("hrss",
                "office");
        assertThat(f.departments().get(0)).isEqualTo(new SatisfactionService.Counts("hrss", 0, 0, 1, 0, 1));
        assertThat(satisfaction.counts(LocalDate.of(2026, 11, 27), LocalDate.of(2026, 11, 28)).total().answered())
                .isZero();
    }

    @Test
    void aLinkedTicketReopenedByItsCitizenIsAnsweredOnItsOwn() {
        TicketService.Created first = tickets.create(new NewTicket("路灯坏了找谁修", "web", null, "consultation",
                null, null, false));
        TicketService.Created same = tickets.create(new NewTicket("请问路灯坏了找谁修", "web", null, "consultation",
                null, null, false));
        assertThat(same.duplicateOf()).isEqualTo(first.code());
        tickets.answer(first.code(), "请拨打市政热线。", "wang");
        assertThat(satisfaction.rate(same.code(), Rating.UNSATISFIED, "打了没人接").effect())
                .isEqualTo(AnswerRating.Effect.REOPEN);

        clock.advance(Duration.ofHours(1));
        assertThat(tickets.answer(same.code(), "已派人到现场维修。", "supervisor@wenzheng.local").recorded()).isTrue();
        assertThat(tickets.detail(same.code()).ticket().status().id()).isEqualTo("answered");
        assertThat(tickets.detail(same.code()).ticket().answerText()).isEqualTo("已派人到现场维修。");
        assertThat(tickets.detail(first.code()).ticket().answerText()).isEqualTo("请拨打市政热线。");
    }

    @Test
    void theFollowUpListKeepsAnsweredComplaintsForTheirWorkingDaysWithTheirCalls() {
        String complaint = answered("工资拖欠投诉", "complaint");
        String help = answered("独居老人求助", "help");
        answered("公园几点开门", "consultation");
        assertThat(satisfaction.followUps(null)).extracting(SatisfactionService.FollowUp::code)
                .containsExactly(help, complaint);
        assertThat(satisfaction.followUps("office")).extracting(SatisfactionService.FollowUp::code)
                .containsExactly(help);

        SatisfactionService.FollowUp f = satisfaction.recordCall(complaint, false, true, "无人接听", "op", null);
        assertThat(f.calls()).hasSize(1);
        assertThat(f.calls().get(0).reached()).isFalse();
        assertThat(f.calls().get(0).satisfied()).isNull();
        f = satisfaction.recordCall(complaint, true, false, null, "op", null);
        assertThat(f.calls()).extracting(SatisfactionService.Call::satisfied).containsExactly(null, false);
        assertThat(f.phone()).isEqualTo("13812345678");

        // Thursday plus five working days: Thursday 2026-12-03, the last day on the list.
        clock.set(Instant.parse("2026-12-03T15:00:00Z"));
        assertThat(satisfaction.followUps(null)).hasSize(2);
        clock.set(Instant.parse("2026-12-04T01:00:00Z"));
        assertThat(satisfaction.followUps(null)).isEmpty();
        assertThatThrownBy(() -> satisfaction.recordCall(complaint, true, true, null, "op", null))
                .isInstanceOf(SatisfactionService.NotOnList.class);
    }
}
