package org.wenzheng.app.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.wenzheng.app.config.AppConfig;
import org.wenzheng.knowledge.KnowledgeBase;
import org.wenzheng.knowledge.KnowledgeConfig;
import org.wenzheng.knowledge.engine.KnowledgeBases;
import org.wenzheng.knowledge.index.IndexReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code wenzheng index}: builds the index of the knowledge base. */
@Command(name = "index", description = {
        "Builds the index of the knowledge base (skipped when the sources did not change).",
        "Example: wenzheng index --source /srv/policies"})
public final class IndexCommand extends CommandBase {

    @Option(names = "--source", paramLabel = "DIR",
            description = "Document folder to index instead of the configured ones (repeatable).")
    private List<Path> sources = new ArrayList<>();

    @Option(names = "--force", description = "Rebuild even when nothing changed.")
    private boolean force;

    public IndexCommand(Environment env) {
        super(env);
    }

    @Override
    public Integer call() throws IOException {
        AppConfig config = common.load(env);
        KnowledgeConfig kc = config.knowledgeConfig();
        if (!sources.isEmpty()) {
            List<Path> dirs = new ArrayList<>();
            for (Path s : sources) {
                Path dir = env.resolve(s);
                if (!Files.isDirectory(dir)) {
                    throw new InputException("--source: folder not found: " + dir);
                }
                dirs.add(dir);
            }
            kc = kc.toBuilder().sources(dirs).build();
        }
        IndexReport report = Indexing.index(kc, force, err(), env.terminal());
        Indexing.printReport(report, out());
        try (KnowledgeBase kb = KnowledgeBases.open(kc)) {
            Indexing.printFaqSources(kb, out());
        }
        return 0;
    }
}
