package org.parley.e2ee.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parley.protocol.arch.ParleyRules;

/**
 * parley-e2ee is pure like parley-protocol: no cryptographic implementation of its own (only
 * parley-crypto's), no sockets, files, threads or clock reads (time is passed in), no mutable
 * static state, no console output.
 */
class PurityTest {
    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("org.parley.e2ee");
    }

    @Test
    void theImportSeesTheModule() {
        assertThat(production.containPackage("org.parley.e2ee.session")).isTrue();
        assertThat(production.containPackage("org.parley.e2ee.envelope")).isTrue();
        assertThat(production.containPackage("org.parley.e2ee.group")).isTrue();
    }

    @Test
    void onlyParleyCryptoTouchesCryptographicImplementations() {
        ParleyRules.cryptoStaysInTheCryptoModule().check(production);
    }

    @Test
    void noIoThreadsOrClockReads() {
        noClasses().that().resideInAPackage("org.parley.e2ee..")
                .should().dependOnClassesThat().resideInAnyPackage("java.net..", "java.nio.file..", "java.nio.channels..",
                        "java.util.concurrent..", "java.sql..", "org.slf4j..")
                .orShould().dependOnClassesThat().areAssignableTo(Thread.class)
                .orShould().dependOnClassesThat().areAssignableTo(java.io.File.class)
                .orShould().dependOnClassesThat().areAssignableTo(Clock.class)
                .orShould().callMethod(Instant.class, "now")
                .orShould().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(System.class, "nanoTime")
                .orShould().accessField(System.class, "out")
                .orShould().accessField(System.class, "err")
                .because("the end-to-end core is bytes in, state and bytes out (docs/E2EE.md)")
                .check(production);
    }

    @Test
    void noMutableStaticFields() {
        ParleyRules.noMutableStaticFields().check(production);
    }
}
