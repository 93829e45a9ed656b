package org.wenzheng.server.reports;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReportCsvTest {
    @Test
    void cellsAreQuotedWhenNeededAndFormulasAreDefused() {
        assertThat(ReportCsv.cell("民政局")).isEqualTo("民政局");
        assertThat(ReportCsv.cell("民政局,社会救助科")).isEqualTo("\"民政局,社会救助科\"");
        assertThat(ReportCsv.cell("\"救助\"科")).isEqualTo("\"\"\"救助\"\"科\"");
        assertThat(ReportCsv.cell("=HYPERLINK(\"http://x\")")).isEqualTo("\"'=HYPERLINK(\"\"http://x\"\")\"");
        assertThat(ReportCsv.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(ReportCsv.cell("12")).isEqualTo("12");
        assertThat(ReportCsv.cell("")).isEmpty();
    }
}
