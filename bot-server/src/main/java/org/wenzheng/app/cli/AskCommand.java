package org.wenzheng.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import org.wenzheng.knowledge.Answer;
import org.wenzheng.knowledge.Citation;
import org.wenzheng.knowledge.KnowledgeBase;
import org.wenzheng.knowledge.SearchHit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code wenzheng ask}: a citizen's question answered with citations, or an honest "not sure". */
@Command(name = "ask", description = {
        "Answers a question with its sources, or says that it is not confident and shows the candidates.",
        "Example: wenzheng ask 如何申请政府信息公开？"})
public final class AskCommand extends CommandBase {

    @Parameters(arity = "1..*", paramLabel = "QUESTION", description = "The question (several words are joined).")
    private List<String> words;

    @Option(names = "--json", description = "Print the answer as one JSON document.")
    private boolean json;

    public AskCommand(Environment env) {
        super(env);
    }

    @Override
    public Integer call() throws IOException {
        String question = String.join(" ", words);
        Answer answer;
        try (KnowledgeBase kb = Indexing.openBuildingIfMissing(common.load(env).knowledgeConfig(), err(),
                env.terminal())) {
            answer = kb.answer(question);
        }
        PrintWriter out = out();
        if (json) {
            out.println(JsonViews.write(JsonViews.answer(question, answer)));
        } else if (answer.answered()) {
            printAnswer(out, answer);
        } else {
            printNotConfident(out, answer);
        }
        out.flush();
        return 0;
    }

    private static void printAnswer(PrintWriter out, Answer a) {
        out.println("答：" + TextOutput.cleanLines(a.text()));
        // An FAQ answer already ends with its legal basis (依据); its citation is the FAQ entry itself.
        String label = a.source() == SearchHit.Kind.FAQ ? "来源：" : "依据：";
        List<Citation> citations = a.citations();
        if (citations.size() == 1) {
            out.println(label + TextOutput.clean(citations.get(0).display()));
        } else if (!citations.isEmpty()) {
            out.println(label);
            citations.forEach(c -> out.println("  " + TextOutput.clean(c.display())));
        }
        out.println("置信度：" + TextOutput.decimal(a.confidence(), 2));
    }

    private void printNotConfident(PrintWriter out, Answer a) {
        String confidence = TextOutput.decimal(a.confidence(), 2);
        if (a.candidates().isEmpty()) {
            out.println("未能确定答案（置信度 " + confidence + "），也没有找到相关内容。请换一种说法，或联系工作人员。");
            return;
        }
        out.println("未能确定答案（置信度 " + confidence + "）。以下是可能相关的内容：");
        TextOutput text = new TextOutput(env.color());
        for (int i = 0; i < a.candidates().size(); i++) {
            out.println();
            text.printHit(out, i + 1, a.candidates().get(i));
        }
    }
}
