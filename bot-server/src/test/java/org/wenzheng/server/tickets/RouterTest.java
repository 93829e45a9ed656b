package org.wenzheng.server.tickets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.wenzheng.knowledge.Citation;
import org.wenzheng.knowledge.DocumentStatus;
import org.wenzheng.knowledge.SearchHit;
import org.wenzheng.knowledge.Snippet;

class RouterTest {
    private static final Map<String, String> CATEGORIES = Map.of("d-guide", "住房保障", "d-letter", "政策文件");
    private final Router router = new Router(TicketFixtures.config(),
            id -> Optional.ofNullable(CATEGORIES.get(id)));

    private static SearchHit hit(String documentId, String title, String issuer) {
        return new SearchHit(SearchHit.Kind.SECTION, new Citation(documentId, documentId + "#1", title, "", "", "",
                issuer, null, DocumentStatus.IN_FORCE, ""), "text", new Snippet("text", List.of()), 1.0);
    }

    @Test
    void aKeywordInTheQuestionWinsOverTheDocuments() {
        Router.Route r = router.route("物业不给开发票，拖欠工资", List.of(hit("d-x", "某市住房和城乡建设局通知", "")));

        // Departments are tried in their configured order: hrss (工资) comes before housing (物业).
        assertThat(r.department().id()).isEqualTo("hrss");
        assertThat(r.rule()).isEqualTo("keyword '工资' in the question");
    }

    @Test
    void aCandidatesTitleOrIssuerRoutesBestCandidateFirst() {
        Router.Route byTitle = router.route("如何申请", List.of(hit("d-1", "示例市住房和城乡建设局关于公租房的通知", "")));
        Router.Route byIssuer = router.route("如何申请", List.of(hit("d-1", "公租房办法", "示例市住房和城乡建设局")));

        assertThat(byTitle.department().id()).isEqualTo("housing");
        assertThat(byTitle.rule()).startsWith("candidate document 《示例市住房和城乡建设局关于公租房的通知》");
        assertThat(byIssuer.department().id()).isEqualTo("housing");
        assertThat(byIssuer.rule()).isEqualTo("candidate issuer 示例市住房和城乡建设局 matches '住房和城乡建设'");
    }

    @Test
    void theCatalogueCategoryRoutesWhenNothingElseDoes() {
        Router.Route r = router.route("如何申请", List.of(hit("d-letter", "信箱说明", ""), hit("d-guide", "申请指南", "")));

        assertThat(r.department().id()).isEqualTo("housing");
        assertThat(r.rule()).isEqualTo("candidate category 住房保障");
    }

    @Test
    void withoutAMatchTheDefaultDepartmentTakesIt() {
        Router.Route r = router.route("如何申请", List.of(hit("d-letter", "信箱说明", "示例市人民政府办公室")));

        assertThat(r.department().id()).isEqualTo("office");
        assertThat(r.rule()).isEqualTo("no rule matched: default department");
    }
}
