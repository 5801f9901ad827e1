package org.parley.cli.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import java.security.SecureRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parley.client.InsecureKeyLogFile;
import org.parley.protocol.handshake.InsecureSecretLog;
import org.parley.protocol.handshake.ServerConfig;
import org.parley.protocol.identity.ServerCredentials;
import org.parley.protocol.record.RecordLimits;
import org.parley.protocol.suite.SuitePreferences;

/**
 * The server never writes a key log (docs/LAB.md, PROTOCOL.md 9.7): no server class touches a secret log or
 * the key log file, and none builds a handshake configuration that carries one. The last test proves the
 * rules look at classes that could break them: the clients do use the key log.
 */
class ServerNeverLogsKeysTest {
    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = AllModuleRules.productionClasses();
    }

    @Test
    void noServerClassUsesASecretLogOrTheKeyLogFile() {
        noClasses().that().resideInAPackage("org.parley.server..")
                .should().dependOnClassesThat().belongToAnyOf(InsecureSecretLog.class, InsecureKeyLogFile.class)
                .check(production);
    }

    @Test
    void noServerClassBuildsAServerConfigWithASecretLog() {
        noClasses().that().resideInAPackage("org.parley.server..")
                .should().callConstructor(ServerConfig.class, SuitePreferences.class, ServerCredentials.class,
                        SecureRandom.class, RecordLimits.class, InsecureSecretLog.class)
                .check(production);
    }

    @Test
    void theImportSeesTheServerAndTheClientsThatCanLogKeys() {
        assertThat(production.containPackage("org.parley.server.net")).isTrue();
        assertThat(production.stream().filter(c -> c.getPackageName().equals("org.parley.cli.chat"))
                .anyMatch(c -> c.getDirectDependenciesFromSelf().stream()
                        .anyMatch(d -> d.getTargetClass().isEquivalentTo(InsecureKeyLogFile.class)))).isTrue();
    }
}
