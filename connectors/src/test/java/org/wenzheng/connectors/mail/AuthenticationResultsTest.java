package org.wenzheng.connectors.mail;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.wenzheng.connectors.mail.AuthenticationResults.Result;

class AuthenticationResultsTest {
    @Test
    void theCommonShapeOfAReceivingServerIsRead() {
        AuthenticationResults r = AuthenticationResults.parse("mx.wenzheng.local;\r\n"
                + "       dkim=pass (2048-bit key; unprotected) header.d=hrss.example.gov.cn header.i=@hrss.example.gov.cn"
                + " header.b=\"aBcD+12/\";\r\n       spf=pass (mx.wenzheng.local: domain of officer@hrss.example.gov.cn"
                + " designates 10.1.2.3 as permitted sender) smtp.mailfrom=officer@hrss.example.gov.cn;\r\n"
                + "       dmarc=pass (p=REJECT sp=REJECT dis=NONE) header.from=hrss.example.gov.cn").orElseThrow();

        assertThat(r.authservId()).isEqualTo("mx.wenzheng.local");
        assertThat(r.results()).extracting(Result::method, Result::result)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("dkim", "pass"),
                        org.assertj.core.groups.Tuple.tuple("spf", "pass"),
                        org.assertj.core.groups.Tuple.tuple("dmarc", "pass"));
        assertThat(r.results().get(0).property("header.d")).contains("hrss.example.gov.cn");
        assertThat(r.results().get(0).property("header.b")).contains("aBcD+12/");
        assertThat(r.results().get(1).property("smtp.mailfrom")).contains("officer@hrss.example.gov.cn");
        assertThat(r.results().get(2).property("header.from")).contains("hrss.example.gov.cn");
    }

    @Test
    void versionsSpacesAroundEqualsReasonsAndNoneAreUnderstood() {
        AuthenticationResults r = AuthenticationResults.parse("\"mx.example.cn\" 1; spf = fail reason=\"not permitted;"
                + " see policy\" smtp.mailfrom = attacker.example; dkim/1=none").orElseThrow();
        AuthenticationResults none = AuthenticationResults.parse("mx.example.cn; none").orElseThrow();

        assertThat(r.authservId()).isEqualTo("mx.example.cn");
        assertThat(r.results()).hasSize(2);
        assertThat(r.results().get(0).result()).isEqualTo("fail");
        assertThat(r.results().get(0).property("smtp.mailfrom")).contains("attacker.example");
        assertThat(r.results().get(1).method()).isEqualTo("dkim");
        assertThat(r.results().get(1).result()).isEqualTo("none");
        assertThat(none.results()).isEmpty();
        assertThat(AuthenticationResults.parse("   ")).isEmpty();
        assertThat(AuthenticationResults.parse(null)).isEmpty();
    }
}
