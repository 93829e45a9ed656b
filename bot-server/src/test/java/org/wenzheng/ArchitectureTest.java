package org.wenzheng;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The architecture of docs/architecture.md, checked over the compiled classes of all three
 * modules (the reactor puts knowledge's and connectors' classes on this module's class path):
 * no package cycles, the modules' boundaries, and the layers under the features.
 */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.wenzheng");
    }

    @Test
    void allThreeModulesAreImported() {
        // A rule over no classes passes; make sure each module is really there.
        for (String pkg : new String[] {"org.wenzheng.knowledge", "org.wenzheng.connectors", "org.wenzheng.server",
                "org.wenzheng.app"}) {
            if (classes.stream().noneMatch(c -> c.getPackageName().startsWith(pkg))) {
                throw new AssertionError("no compiled classes found in " + pkg);
            }
        }
    }

    @Test
    void noPackageDependsOnItselfThroughAnother() {
        // Each package is its own slice: tickets and tickets.calendar must not form a cycle either.
        slices().matching("org.wenzheng.(**)").should().beFreeOfCycles().check(classes);
    }

    @Test
    void theKnowledgeModuleKnowsNothingOfTheServerOrTheNetwork() {
        noClasses().that().resideInAPackage("org.wenzheng.knowledge..")
                .should().dependOnClassesThat()
                .resideInAnyPackage("io.netty..", "org.wenzheng.server..", "org.wenzheng.app..",
                        "org.wenzheng.connectors..", "jakarta.mail..", "java.sql..")
                .check(classes);
    }

    @Test
    void theConnectorsKnowNothingOfTheSearchEngineOrTheServer() {
        noClasses().that().resideInAPackage("org.wenzheng.connectors..")
                .should().dependOnClassesThat()
                .resideInAnyPackage("org.apache.lucene..", "org.wenzheng.knowledge..", "org.wenzheng.server..",
                        "org.wenzheng.app..")
                .check(classes);
    }

    @Test
    void theServerDoesNotReachBackIntoTheApplication() {
        // app builds and wires the server's features; the features never see the command line,
        // the configuration file's shape or the assembly.
        noClasses().that().resideInAPackage("org.wenzheng.server..")
                .should().dependOnClassesThat().resideInAPackage("org.wenzheng.app..")
                .check(classes);
    }

    @Test
    void theHttpAndDatabaseLayersKnowNoFeature() {
        noClasses().that().resideInAnyPackage("org.wenzheng.server.http..", "org.wenzheng.server.db..",
                        "org.wenzheng.server.privacy..", "org.wenzheng.server.yaml..")
                .should().dependOnClassesThat().resideInAnyPackage(FEATURES)
                .check(classes);
    }

    @Test
    void theNettyLayerKnowsNoFeatureButTheMetricsItCounts() {
        noClasses().that().resideInAPackage("org.wenzheng.server.netty..")
                .should().dependOnClassesThat().resideInAnyPackage(withoutMetrics())
                .check(classes);
    }

    private static final String[] FEATURES = {
        "org.wenzheng.server.chat..", "org.wenzheng.server.staff..", "org.wenzheng.server.tickets..",
        "org.wenzheng.server.replies..", "org.wenzheng.server.hotline..", "org.wenzheng.server.interviews..",
        "org.wenzheng.server.faq..", "org.wenzheng.server.admin..", "org.wenzheng.server.reports..",
        "org.wenzheng.server.metrics..", "org.wenzheng.server.retention..", "org.wenzheng.server.letters..",
        "org.wenzheng.server.satisfaction..", "org.wenzheng.server.applications.."
    };

    /** The packages of org.wenzheng.server that the features stand on; every other one is a feature. */
    private static final java.util.Set<String> LAYERS = java.util.Set.of("netty", "http", "db", "privacy", "yaml");

    @Test
    void everyPackageOfTheServerIsAFeatureOrALayerUnderThem() {
        // A new feature package left out of FEATURES would escape the layering rules unseen.
        java.util.Set<String> listed = java.util.Arrays.stream(FEATURES)
                .map(f -> f.substring("org.wenzheng.server.".length(), f.length() - 2))
                .collect(java.util.stream.Collectors.toSet());
        java.util.Set<String> unlisted = new java.util.TreeSet<>();
        classes.stream().map(c -> c.getPackageName()).filter(p -> p.startsWith("org.wenzheng.server."))
                .map(p -> p.substring("org.wenzheng.server.".length()).split("\\.")[0])
                .filter(top -> !listed.contains(top) && !LAYERS.contains(top)).forEach(unlisted::add);
        if (!unlisted.isEmpty()) {
            throw new AssertionError("packages of org.wenzheng.server neither in FEATURES nor in LAYERS: " + unlisted);
        }
    }

    private static String[] withoutMetrics() {
        return java.util.Arrays.stream(FEATURES).filter(p -> !p.startsWith("org.wenzheng.server.metrics"))
                .toArray(String[]::new);
    }
}
