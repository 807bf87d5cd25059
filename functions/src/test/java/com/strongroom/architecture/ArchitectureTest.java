package com.strongroom.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Keeps the core free of Azure, HTTP and JSON types, and the entry points thin. */
class ArchitectureTest {
    static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("com.strongroom");
    }

    @Test
    void coreKnowsNothingOfAzureFunctionsJsonOrJose() {
        noClasses().that().resideInAPackage("com.strongroom.core..")
                .should().dependOnClassesThat().resideInAnyPackage("com.azure..", "com.microsoft..", "com.nimbusds..",
                        "com.fasterxml..", "reactor..", "io.netty..")
                .check(classes);
    }

    @Test
    void coreDependsOnNoOuterLayer() {
        noClasses().that().resideInAPackage("com.strongroom.core..")
                .should().dependOnClassesThat().resideInAnyPackage("com.strongroom.adapters..", "com.strongroom.app..",
                        "com.strongroom.functions..", "com.strongroom.config..")
                .check(classes);
    }

    @Test
    void entryPointsReachAdaptersOnlyThroughTheCompositionRoot() {
        noClasses().that().resideInAPackage("com.strongroom.functions..")
                .should().dependOnClassesThat().resideInAnyPackage("com.strongroom.adapters..", "com.azure..")
                .check(classes);
    }

    @Test
    void adaptersDoNotCallEntryPoints() {
        noClasses().that().resideInAPackage("com.strongroom.adapters..")
                .should().dependOnClassesThat().resideInAnyPackage("com.strongroom.functions..", "com.strongroom.app..")
                .check(classes);
    }
}
