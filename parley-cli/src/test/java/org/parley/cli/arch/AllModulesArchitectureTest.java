package org.parley.cli.arch;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parley.cli.Main;

/**
 * The code rules of docs/STYLE.md checked on the production classes of all modules but the desktop. The
 * import checks at the bottom prove the rules see every module (and no test fixture), so none
 * passes because the classes it should judge were missing; ArchUnit itself fails a rule whose
 * "that" clause matches nothing.
 */
class AllModulesArchitectureTest {
    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = AllModuleRules.productionClasses();
    }

    @Test
    void onlyTheCryptoModuleUsesCryptographicImplementations() {
        AllModuleRules.cryptoStaysInTheCryptoModule().check(production);
    }

    @Test
    void noLibraryModuleWritesToStandardStreamsOrPrintsStackTraces() {
        AllModuleRules.noStandardStreamsOrStackTraceDumpsIn(AllModuleRules.LIBRARY_PACKAGES).check(production);
    }

    @Test
    void inTheCliOnlyMainTouchesTheConsole() {
        AllModuleRules.onlyTheEntryPointTouchesTheConsole(Main.class).check(production);
    }

    @Test
    void everyStaticFieldInEveryModuleIsFinal() {
        AllModuleRules.noMutableStaticFields().check(production);
    }

    @Test
    void onlyTheStoreAndTheLabsMaliciousOperatorUseJdbcOrSqlite() {
        AllModuleRules.databaseStaysIn(AllModuleRules.STORE_PACKAGE, AllModuleRules.LAB_OPERATOR_PACKAGE).check(production);
    }

    @Test
    void theServersNettyHandlersNeverCallTheStore() {
        AllModuleRules.eventLoopHandlersDoNotUseTheStore("org.parley.server.net..").check(production);
    }

    @Test
    void nothingButTheLabCommandUsesTheAttackLab() {
        AllModuleRules.nothingUsesTheLabExcept(AllModuleRules.LAB_COMMAND_PACKAGE).check(production);
    }

    @Test
    void onlyTheLabUsesTheInsecurePrimitives() {
        AllModuleRules.insecurePrimitivesOnlyIn(AllModuleRules.LAB_PACKAGE).check(production);
    }

    @Test
    void theImportSeesTheLabCommandUsingTheLabAndTheLabUsingInsecurePrimitives() {
        assertThat(production.stream().filter(c -> c.getPackageName().equals("org.parley.cli.lab"))
                .anyMatch(c -> dependsOn(c, "org.parley.lab"))).isTrue();
        assertThat(production.stream().filter(c -> c.getPackageName().startsWith("org.parley.lab"))
                .anyMatch(c -> dependsOn(c, "org.parley.crypto.insecure"))).isTrue();
    }

    @Test
    void theImportSeesEveryModule() {
        assertThat(production.containPackage("org.parley.crypto")).as("parley-crypto").isTrue();
        assertThat(production.containPackage("org.parley.protocol.handshake")).as("parley-protocol").isTrue();
        assertThat(production.containPackage("org.parley.e2ee.session")).as("parley-e2ee").isTrue();
        assertThat(production.containPackage("org.parley.server.store")).as("parley-server").isTrue();
        assertThat(production.containPackage("org.parley.client")).as("parley-client").isTrue();
        assertThat(production.containPackage("org.parley.cli.chat")).as("parley-cli").isTrue();
        assertThat(production.containPackage("org.parley.lab.scenario")).as("parley-lab").isTrue();
    }

    @Test
    void theImportSeesTheCryptoModuleUsingJavaxCryptoAndBouncyCastle() {
        assertThat(cryptoClassesDependingOn("javax.crypto")).isTrue();
        assertThat(cryptoClassesDependingOn("org.bouncycastle")).isTrue();
    }

    @Test
    void theImportSeesTheStoreUsingJdbcAndMainUsingTheConsole() {
        assertThat(production.stream().filter(c -> c.getPackageName().equals("org.parley.server.store"))
                .anyMatch(c -> dependsOn(c, "java.sql"))).isTrue();
        assertThat(production.get(Main.class).getFieldAccessesFromSelf())
                .anyMatch(access -> access.getTarget().getOwner().isEquivalentTo(System.class)
                        && access.getTarget().getName().equals("out"));
    }

    @Test
    void theImportLeavesOutTestFixtures() {
        assertThat(production.containPackage("org.parley.protocol.arch.bad")).isFalse();
        assertThat(production.containPackage("org.parley.protocol.testing")).isFalse();
        assertThat(production.contain(AllModulesArchitectureTest.class)).isFalse();
    }

    private static boolean cryptoClassesDependingOn(String packagePrefix) {
        return production.stream().filter(c -> c.getPackageName().startsWith("org.parley.crypto"))
                .anyMatch(c -> dependsOn(c, packagePrefix));
    }

    private static boolean dependsOn(JavaClass origin, String packagePrefix) {
        return origin.getDirectDependenciesFromSelf().stream()
                .anyMatch(d -> d.getTargetClass().getPackageName().startsWith(packagePrefix));
    }
}
