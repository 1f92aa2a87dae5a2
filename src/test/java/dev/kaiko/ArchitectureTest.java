package dev.kaiko;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The package structure, checked on the compiled classes: no package cycle, and every dependency runs along the
 * data flow. Writes flow down (archive → tagging → model, and into the index through the outbox); reads flow up
 * (index → search → review → web). A layer may use only the layers below it:
 *
 * <pre>
 * web (api, pages, security)   thin resources
 * sources                      following feeds and blogs; imports through archive
 * review                       year in review
 * search                       queries, facets, highlights, suggestions, related topics
 * archive                      readers, importer, store, citations
 * index                        document mapping, analysis, outbox processor, index lifecycle
 * tagging                      taxonomy, matcher, tag edits
 * model                        entities, serialised writes, the outbox rows, shared-link keys
 * engine, jobs, dev.kaiko      the managed OpenSearch process; the job registry; data directory
 * </pre>
 */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.kaiko");

    @Test
    void packagesHaveNoCycles() {
        slices().matching("dev.kaiko.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void dependenciesRunAlongTheDataFlow() {
        layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .layer("web")
                .definedBy("dev.kaiko.web..")
                .layer("sources")
                .definedBy("dev.kaiko.sources..")
                .layer("review")
                .definedBy("dev.kaiko.review..")
                .layer("search")
                .definedBy("dev.kaiko.search..")
                .layer("archive")
                .definedBy("dev.kaiko.archive..")
                .layer("index")
                .definedBy("dev.kaiko.index..")
                .layer("tagging")
                .definedBy("dev.kaiko.tagging..")
                .layer("model")
                .definedBy("dev.kaiko.model..")
                .layer("engine")
                .definedBy("dev.kaiko.engine..")
                .layer("jobs")
                .definedBy("dev.kaiko.jobs..")
                .whereLayer("web")
                .mayNotBeAccessedByAnyLayer()
                .whereLayer("sources")
                .mayOnlyBeAccessedByLayers("web")
                .whereLayer("review")
                .mayOnlyBeAccessedByLayers("web")
                .whereLayer("search")
                .mayOnlyBeAccessedByLayers("web", "review")
                .whereLayer("archive")
                .mayOnlyBeAccessedByLayers("web", "sources", "review", "search")
                .whereLayer("index")
                .mayOnlyBeAccessedByLayers("web", "sources", "review", "search", "archive")
                .whereLayer("tagging")
                .mayOnlyBeAccessedByLayers("web", "sources", "review", "search", "archive", "index")
                .whereLayer("model")
                .mayOnlyBeAccessedByLayers("web", "sources", "review", "search", "archive", "index", "tagging")
                .whereLayer("engine")
                .mayOnlyBeAccessedByLayers("index")
                .check(CLASSES);
    }

    @Test
    void theModelKnowsNothingOfIndexingOrSearch() {
        com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses()
                .that()
                .resideInAPackage("dev.kaiko.model..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.kaiko.index..", "dev.kaiko.search..", "dev.kaiko.archive..", "dev.kaiko.web..")
                .check(CLASSES);
    }
}
