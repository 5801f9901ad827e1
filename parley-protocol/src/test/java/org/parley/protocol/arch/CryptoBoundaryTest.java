package org.parley.protocol.arch;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Only org.parley.crypto depends on javax.crypto, java.security.spec or BouncyCastle. The
 * positive checks prove the imported classes really include parley-crypto's, so the rule cannot
 * pass merely because the crypto classes were missing from the import.
 */
class CryptoBoundaryTest {
    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = ParleyRules.productionClasses();
    }

    @Test
    void onlyTheCryptoModuleUsesCryptographicImplementations() {
        ParleyRules.cryptoStaysInTheCryptoModule().check(production);
    }

    @Test
    void theImportSeesTheCryptoModuleUsingJavaxCrypto() {
        assertThat(production.stream().filter(c -> c.getPackageName().startsWith("org.parley.crypto"))
                .anyMatch(c -> dependsOn(c, "javax.crypto"))).isTrue();
    }

    @Test
    void theImportSeesTheCryptoModuleUsingBouncyCastle() {
        assertThat(production.stream().filter(c -> c.getPackageName().startsWith("org.parley.crypto"))
                .anyMatch(c -> dependsOn(c, "org.bouncycastle"))).isTrue();
    }

    @Test
    void theImportSeesTheProtocolModule() {
        assertThat(production.containPackage("org.parley.protocol.handshake")).isTrue();
    }

    private static boolean dependsOn(JavaClass origin, String packagePrefix) {
        return origin.getDirectDependenciesFromSelf().stream()
                .anyMatch(d -> d.getTargetClass().getPackageName().startsWith(packagePrefix));
    }
}
