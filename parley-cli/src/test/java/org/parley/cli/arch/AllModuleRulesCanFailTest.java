package org.parley.cli.arch;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parley.cli.Main;
import org.parley.cli.ParleyCommands;
import org.parley.protocol.arch.bad.CipherOutsideCrypto;
import org.parley.protocol.arch.bad.MutableStatic;
import org.parley.protocol.arch.bad.StackTraceDumper;
import org.parley.server.ops.Operator;
import org.parley.server.store.SqliteStore;

/**
 * Proves each rule in {@link AllModuleRules} can fail: aimed at real code that legitimately does
 * what the rule forbids elsewhere (Main prints, the store uses JDBC, the operator tool opens the
 * store), or at parley-protocol's deliberately bad test fixtures, it reports them.
 */
class AllModuleRulesCanFailTest {
    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = AllModuleRules.productionClasses();
    }

    @Test
    void cryptoRuleReportsACipherOutsideTheCryptoModule() {
        assertThatThrownBy(() -> AllModuleRules.cryptoStaysInTheCryptoModule().check(only(CipherOutsideCrypto.class)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("javax.crypto.Cipher");
    }

    @Test
    void streamRuleReportsMainWhenAimedAtTheCli() {
        assertThatThrownBy(() -> AllModuleRules.noStandardStreamsOrStackTraceDumpsIn("org.parley.cli..").check(production))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(Main.class.getName())
                .hasMessageContaining("System.out");
    }

    @Test
    void streamRuleReportsPrintStackTrace() {
        assertThatThrownBy(() -> AllModuleRules.noStandardStreamsOrStackTraceDumpsIn(AllModuleRules.LIBRARY_PACKAGES)
                .check(only(StackTraceDumper.class)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("printStackTrace");
    }

    @Test
    void consoleRuleReportsMainWhenAnotherClassIsTheEntryPoint() {
        assertThatThrownBy(() -> AllModuleRules.onlyTheEntryPointTouchesTheConsole(ParleyCommands.class).check(production))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(Main.class.getName());
    }

    @Test
    void staticStateRuleReportsANonFinalStaticField() {
        assertThatThrownBy(() -> AllModuleRules.noMutableStaticFields().check(only(MutableStatic.class)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("connections");
    }

    @Test
    void databaseRuleReportsTheStoreWhenJdbcIsAllowedOnlyElsewhere() {
        assertThatThrownBy(() -> AllModuleRules.databaseStaysIn("org.parley.server.ops..").check(production))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("java.sql");
    }

    @Test
    void handlerRuleReportsAPackageThatOpensTheStore() {
        assertThatThrownBy(() -> AllModuleRules.eventLoopHandlersDoNotUseTheStore("org.parley.server.ops..").check(production))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(Operator.class.getName())
                .hasMessageContaining(SqliteStore.class.getName());
    }

    private static JavaClasses only(Class<?>... classes) {
        return new ClassFileImporter().importClasses(classes);
    }

    @Test
    void labRuleReportsTheLabCommandWhenAnotherPackageIsTheEntry() {
        assertThatThrownBy(() -> AllModuleRules.nothingUsesTheLabExcept("org.parley.cli.chat..").check(production))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("org.parley.cli.lab.")
                .hasMessageContaining("org.parley.lab.");
    }

    @Test
    void insecurePrimitiveRuleReportsTheLabWhenOnlyAnotherPackageIsAllowed() {
        assertThatThrownBy(() -> AllModuleRules.insecurePrimitivesOnlyIn("org.parley.lab.scenario..").check(production))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("org.parley.crypto.insecure.");
    }
}
