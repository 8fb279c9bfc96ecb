package dev.coro.tests;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The language module's packages depend on each other in one direction (docs/design.md has the
 * table): parser and runtime at the bottom, generator on runtime, nodes and builtins on those,
 * compiler on top; the root package (CoroLanguage, CoroContext) may be used by all.
 */
class ArchitectureTest {
    private static final String ROOT = "dev.coro.language";
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(ROOT);
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void runtimeIsTheBottomLayer() {
        noClasses().that().resideInAPackage(ROOT + ".runtime..").should().dependOnClassesThat()
                        .resideInAnyPackage(ROOT + ".parser..", ROOT + ".compiler..", ROOT + ".nodes..", ROOT + ".builtins..", ROOT + ".generator..")
                        .check(classes);
    }

    @Test
    void generatorsBuildOnRuntimeOnly() {
        noClasses().that().resideInAPackage(ROOT + ".generator..").should().dependOnClassesThat()
                        .resideInAnyPackage(ROOT + ".parser..", ROOT + ".compiler..", ROOT + ".nodes..", ROOT + ".builtins..")
                        .check(classes);
    }

    @Test
    void asyncBuildsOnGeneratorsAndRuntime() {
        noClasses().that().resideInAPackage(ROOT + ".async..").should().dependOnClassesThat()
                        .resideInAnyPackage(ROOT + ".parser..", ROOT + ".compiler..", ROOT + ".nodes..", ROOT + ".builtins..")
                        .check(classes);
    }

    /** Sockets are values on the event loop: they know the loop, not how code is compiled or run. */
    @Test
    void netBuildsOnAsyncAndRuntime() {
        noClasses().that().resideInAPackage(ROOT + ".net..").should().dependOnClassesThat()
                        .resideInAnyPackage(ROOT + ".parser..", ROOT + ".compiler..", ROOT + ".nodes..", ROOT + ".builtins..", ROOT + ".generator..")
                        .check(classes);
    }

    @Test
    void onlyTheCompilerAndTheLanguageReachTheCompiler() {
        noClasses().that().resideInAnyPackage(ROOT + ".nodes..", ROOT + ".builtins..", ROOT + ".runtime..", ROOT + ".generator..", ROOT + ".async..", ROOT + ".net..", ROOT + ".parser..")
                        .should().dependOnClassesThat().resideInAPackage(ROOT + ".compiler..")
                        .check(classes);
    }

    /**
     * The tracer is an add-on: it observes the language through the hooks of runtime/CoroutineEvents,
     * and no package of the language reaches it (so the language runs the same with it absent).
     */
    @Test
    void theTracerObservesFromOutside() {
        noClasses().that().resideInAPackage(ROOT + ".trace..").should().dependOnClassesThat()
                        .resideInAnyPackage(ROOT + ".parser..", ROOT + ".compiler..", ROOT + ".nodes..", ROOT + ".builtins..", ROOT + ".async..")
                        .check(classes);
        noClasses().that().resideOutsideOfPackage(ROOT + ".trace..").should().dependOnClassesThat().resideInAPackage(ROOT + ".trace..")
                        .check(classes);
    }

    /** The parser uses the runtime's values for literals, nothing after it. */
    @Test
    void parserComesFirst() {
        noClasses().that().resideInAPackage(ROOT + ".parser..").should().dependOnClassesThat()
                        .resideInAnyPackage(ROOT + ".compiler..", ROOT + ".nodes..", ROOT + ".builtins..", ROOT + ".generator..")
                        .check(classes);
    }

    /** Project classes are imported, not named in full in code (where dependencies hide from a reader). */
    @Test
    void noFullyQualifiedProjectNames() throws IOException {
        Path sources = Path.of("..", "language", "src", "main", "java");
        Pattern qualified = Pattern.compile("\\bdev\\.coro\\.language(\\.[a-z]+)*\\.[A-Z]\\w*");
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    String line = lines.get(i).strip();
                    if (line.startsWith("import ") || line.startsWith("package ") || line.startsWith("*") || line.startsWith("/")) {
                        continue;
                    }
                    Matcher m = qualified.matcher(line);
                    if (m.find()) {
                        found.add(file.getFileName() + ":" + (i + 1) + ": " + m.group());
                    }
                }
            }
        }
        assertEquals(List.of(), found);
    }
}
