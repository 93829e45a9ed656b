package org.wenzheng.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import org.wenzheng.knowledge.Explanation;
import org.wenzheng.knowledge.KnowledgeBase;
import org.wenzheng.knowledge.SearchHit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code wenzheng search}: the ranked passages for a query, as an officer would look them up. */
@Command(name = "search", description = {
        "Searches the knowledge base and prints the ranked passages with highlighted snippets.",
        "Example: wenzheng search 依申请公开 期限",
        "         wenzheng search --explain 试用期工资   (each hit with the part every ranking signal had in its score)"})
public final class SearchCommand extends CommandBase {

    @Parameters(arity = "1..*", paramLabel = "QUERY", description = "The query (several words are joined).")
    private List<String> words;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "10",
            description = "Most hits to show (default: ${DEFAULT-VALUE}).")
    private int limit;

    @Option(names = "--json", description = "Print one JSON document instead of text.")
    private boolean json;

    @Option(names = "--explain", description = "Show under each hit every ranking signal's raw value, weight and "
            + "contribution, their total (the score) and how the hit was placed.")
    private boolean explain;

    public SearchCommand(Environment env) {
        super(env);
    }

    @Override
    public Integer call() throws IOException {
        String query = String.join(" ", words);
        List<SearchHit> hits;
        List<Explanation> explained = List.of();
        try (KnowledgeBase kb = Indexing.openBuildingIfMissing(common.load(env).knowledgeConfig(), err(),
                env.terminal())) {
            if (explain) {
                explained = kb.explain(query, limit);
                hits = explained.stream().map(Explanation::hit).toList();
            } else {
                hits = kb.search(query, limit);
            }
        }
        PrintWriter out = out();
        if (json) {
            out.println(JsonViews.write(explain ? JsonViews.explained(query, explained) : JsonViews.search(query, hits)));
        } else if (hits.isEmpty()) {
            out.println("没有找到相关内容。");
        } else {
            TextOutput text = new TextOutput(env.color());
            for (int i = 0; i < hits.size(); i++) {
                if (i > 0) {
                    out.println();
                }
                text.printHit(out, i + 1, hits.get(i));
                if (explain) {
                    text.printExplanation(out, explained.get(i));
                }
            }
        }
        out.flush();
        return 0;
    }
}
