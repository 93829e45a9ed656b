package org.wenzheng.server.tickets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.wenzheng.app.RepoRoot;
import org.wenzheng.knowledge.KnowledgeBase;
import org.wenzheng.knowledge.engine.KnowledgeBases;
import org.wenzheng.knowledge.KnowledgeConfig;
import org.wenzheng.server.tickets.calendar.DeadlineRules;
import org.wenzheng.server.tickets.calendar.WorkingCalendar;

/** Small real fixtures of the ticket tests: three departments, a two-document index, the real calendar. */
final class TicketFixtures {
    private TicketFixtures() {
    }

    static final Department OFFICE = new Department("office", "综合办公室", List.of("officer@wenzheng.local"),
            List.of("officer@wenzheng.local"), "supervisor@wenzheng.local", false, "mail", Department.Routing.NONE);
    static final Department HRSS = new Department("hrss", "人力资源和社会保障局", List.of("hrss@wenzheng.local"),
            List.of("Hrss.Officer@Wenzheng.local"), "boss@wenzheng.local", true, "mail",
            new Department.Routing(List.of("工资", "劳动合同"), List.of(), List.of()));
    static final Department HOUSING = new Department("housing", "住房和城乡建设局", List.of("housing@wenzheng.local"),
            List.of("housing@wenzheng.local"), "boss@wenzheng.local", false, "hook12345",
            new Department.Routing(List.of("物业"), List.of(Pattern.compile("住房和城乡建设")), List.of("住房保障")));

    static TicketsConfig config() {
        return TicketsConfig.defaults(List.of(OFFICE, HRSS, HOUSING), "office")
                .withStaffUrl("https://wenzheng.example.gov.cn/");
    }

    static DeadlineRules rules() {
        Path calendar = RepoRoot.find().resolve("config/calendar.yaml");
        return DeadlineRules.defaults(WorkingCalendar.load(calendar, "config/calendar.yaml"));
    }

    /** Two documents: one of the housing bureau, one of the office. */
    static KnowledgeBase knowledge(Path dir) {
        try {
            Path docs = Files.createDirectories(dir.resolve("docs"));
            Files.writeString(docs.resolve("公租房.md"), """
                    ---
                    issuer: 示例市住房和城乡建设局
                    date: 2025-05-01
                    category: 住房保障
                    ---
                    # 示例市公共租赁住房申请办法

                    第一条 本市户籍家庭人均住房面积低于十五平方米的，可以申请公共租赁住房。

                    第二条 申请公共租赁住房，应当向街道办事处提交申请表和收入证明。
                    """);
            Files.writeString(docs.resolve("信箱.md"), """
                    ---
                    issuer: 示例市人民政府办公室
                    date: 2025-03-01
                    category: 政策文件
                    ---
                    # 主任信箱使用说明

                    市民可以通过主任信箱反映问题，工作人员在三个工作日内答复。
                    """);
            KnowledgeConfig config = KnowledgeConfig.of(dir.resolve("index"), List.of(docs), List.of(), null, null);
            KnowledgeBases.index(config, p -> { }, false);
            return KnowledgeBases.open(config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
