package org.parley.protocol.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Parley's architecture rules, written once and applied both to the production classes (the
 * *Test classes beside this one) and to deliberately bad classes (RulesCatchViolationsTest), so a
 * rule that silently stopped matching anything would be noticed. Public (through this module's
 * test-jar) so that parley-cli's all-module rules reuse them instead of keeping a copy.
 */
public final class ParleyRules {
    /** Packages only parley-crypto may use: the JCA cipher API, key specs, and BouncyCastle. */
    public static final String[] CRYPTO_ONLY_PACKAGES = {"javax.crypto..", "java.security.spec..", "org.bouncycastle.."};

    private ParleyRules() {
    }

    /** The production classes of every Parley module on this test classpath (crypto and protocol). */
    static JavaClasses productionClasses() {
        return new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.parley");
    }

    /**
     * Only org.parley.crypto may touch cryptographic implementations directly. ArchUnit reads
     * bytecode, so a use of a compile-time constant alone (inlined by javac) is not seen; any
     * type, call, field or annotation use is.
     */
    public static ArchRule cryptoStaysInTheCryptoModule() {
        return noClasses().that().resideInAPackage("org.parley..")
                .and().resideOutsideOfPackage("org.parley.crypto..")
                .should().dependOnClassesThat().resideInAnyPackage(CRYPTO_ONLY_PACKAGES)
                .because("parley-crypto is the only module allowed to import javax.crypto, java.security.spec "
                        + "or BouncyCastle (docs/STYLE.md, \"Parley's shape\" 1)");
    }

    /** No console output or stack-trace dumps: peers' errors must go through typed alerts and logs. */
    static ArchRule noStandardStreamsOrStackTraceDumps() {
        return noClasses().that().resideInAPackage("org.parley..")
                .should().accessField(System.class, "out")
                .orShould().accessField(System.class, "err")
                .orShould().callMethodWhere(printStackTrace())
                .because("production code logs through typed errors, never System.out/err or printStackTrace");
    }

    /** No static mutable state: every static field is final (enum constants are static final too). */
    public static ArchRule noMutableStaticFields() {
        return fields().that().areStatic()
                .and().areDeclaredInClassesThat().resideInAPackage("org.parley..")
                .should().beFinal()
                .because("Parley has no static mutable state, singletons or service locators");
    }

    /** Every implementation of {@code messageType} is a record (immutable, value-based). */
    static ArchRule messagesAreRecords(Class<?> messageType) {
        return classes().that().implement(messageType)
                .should().beRecords()
                .because("messages are records under sealed interfaces");
    }

    /** A call of {@code Throwable.printStackTrace}, for rules that forbid dumping stack traces. */
    public static DescribedPredicate<JavaMethodCall> printStackTrace() {
        return DescribedPredicate.describe("Throwable.printStackTrace(..)",
                call -> call.getName().equals("printStackTrace")
                        && call.getTargetOwner().isAssignableTo(Throwable.class));
    }
}
