package dev.latchkey.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * The rules of docs/architecture.md ("Rules the build enforces"), checked on the compiled main classes of every
 * module: core's feature packages form no cycle and core uses nothing but the JDK and slf4j; the HTTP and CLI
 * edges never reach the database adapters; only the composition root picks the adapters; and each outside-world
 * library is used only in the module that adapts to it.
 */
class ArchitectureTest {
    /**
     * Main classes only: the other modules come as folders when Maven runs this module's tests alone and as jars in
     * a whole-reactor {@code verify}, so jars are read, but not test folders or test jars.
     */
    private static final JavaClasses LATCHKEY = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> !location.contains("-tests.jar"))
            .importPackages("dev.latchkey");

    private static void check(ArchRule rule) {
        rule.check(LATCHKEY);
    }

    @Test
    void theClassesOfEveryModuleAreThere() {
        for (String module : new String[] {"core", "adapters", "store", "http", "console", "cli", "app"}) {
            String prefix = "dev.latchkey." + module + ".";
            org.assertj.core.api.Assertions.assertThat(LATCHKEY.stream().filter(c -> c.getName().startsWith(prefix))
                    .count()).as("main classes of module %s imported", module).isGreaterThan(3);
        }
    }

    @Test
    void coresFeaturePackagesFormNoCycle() {
        check(slices().matching("dev.latchkey.core.(*)..").should().beFreeOfCycles());
    }

    @Test
    void coreUsesOnlyTheJdkAndSlf4j() {
        check(classes().that().resideInAPackage("dev.latchkey.core..").should().onlyDependOnClassesThat()
                .resideInAnyPackage("dev.latchkey.core..", "java..", "javax.crypto..", "org.slf4j.."));
    }

    @Test
    void theEdgesNeverReachTheDatabaseAdapters() {
        check(noClasses().that().resideInAnyPackage("dev.latchkey.http..", "dev.latchkey.console..", "dev.latchkey.cli..",
                "dev.latchkey.core..").should().dependOnClassesThat().resideInAPackage("dev.latchkey.store.."));
        check(noClasses().that().resideInAnyPackage("dev.latchkey.store..", "dev.latchkey.cli..", "dev.latchkey.core..")
                .should().dependOnClassesThat().resideInAPackage("dev.latchkey.http.."));
        check(noClasses().that().resideInAnyPackage("dev.latchkey.store..", "dev.latchkey.http..", "dev.latchkey.core..",
                "dev.latchkey.adapters..", "dev.latchkey.cli..").should().dependOnClassesThat()
                .resideInAPackage("dev.latchkey.console.."));
        check(noClasses().that().resideInAnyPackage("dev.latchkey.store..", "dev.latchkey.http..", "dev.latchkey.core..",
                "dev.latchkey.adapters..", "dev.latchkey.console..").should().dependOnClassesThat()
                .resideInAnyPackage("dev.latchkey.cli..", "dev.latchkey.app.."));
        // the adapters implement core's ports; only the composition root picks them
        check(noClasses().that().resideInAnyPackage("dev.latchkey.store..", "dev.latchkey.http..",
                "dev.latchkey.console..", "dev.latchkey.cli..").should().dependOnClassesThat()
                .resideInAPackage("dev.latchkey.adapters.."));
        check(noClasses().that().resideInAPackage("dev.latchkey.adapters..").should().dependOnClassesThat()
                .resideInAnyPackage("dev.latchkey.store..", "dev.latchkey.http.."));
    }

    @Test
    void eachOutsideWorldLibraryIsUsedOnlyInTheModuleThatAdaptsToIt() {
        check(noClasses().that().resideOutsideOfPackage("dev.latchkey.store..").should().dependOnClassesThat()
                .resideInAnyPackage("org.jdbi..", "com.zaxxer..", "org.flywaydb..", "org.postgresql..", "org.h2.."));
        check(noClasses().that().resideOutsideOfPackages("dev.latchkey.http..", "dev.latchkey.console..").should()
                .dependOnClassesThat().resideInAnyPackage("io.javalin..", "org.eclipse.jetty.."));
        check(noClasses().that().resideOutsideOfPackage("dev.latchkey.http..").should().dependOnClassesThat()
                .resideInAPackage("com.nimbusds.."));
        check(noClasses().that().resideOutsideOfPackage("dev.latchkey.console..").should().dependOnClassesThat()
                .resideInAPackage("gg.jte.."));
        check(noClasses().that().resideOutsideOfPackage("dev.latchkey.adapters..").should().dependOnClassesThat()
                .resideInAnyPackage("jakarta.mail..", "org.eclipse.angus..", "org.bouncycastle.."));
        check(noClasses().that().resideOutsideOfPackage("dev.latchkey.app..").should().dependOnClassesThat()
                .resideInAnyPackage("ch.qos.logback..", "software.amazon.cryptools.."));
        check(noClasses().that().resideOutsideOfPackages("dev.latchkey.cli..", "dev.latchkey.app..").should()
                .dependOnClassesThat().resideInAPackage("picocli.."));
        // metrics: core, store and http count through ports of their own; only the app's metrics package knows Micrometer
        check(noClasses().that().resideOutsideOfPackage("dev.latchkey.app.metrics..").should().dependOnClassesThat()
                .resideInAnyPackage("io.micrometer..", "io.prometheus.."));
    }
}
