package org.parley.cli.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.parley.protocol.arch.ParleyRules;
import org.parley.server.store.AccountStore;
import org.parley.server.store.MessageStore;
import org.parley.server.store.RoomStore;

/**
 * Parley's architecture rules over every module at once. parley-cli's tests are the only place
 * whose class path holds all modules (crypto, protocol, server, client, cli), so rules that cross
 * module lines live here; the rules parley-protocol already defines for its two modules
 * ({@link ParleyRules}, from its test-jar) are reused, not copied. The
 * rules take their scope as arguments so the tests can also aim them at code that must break
 * them, proving that each can fail.
 */
final class AllModuleRules {
    /** Library modules: they log, never print. The CLI's Main owns the process's streams. */
    static final String[] LIBRARY_PACKAGES = {"org.parley.crypto..", "org.parley.protocol..", "org.parley.e2ee..",
        "org.parley.server..", "org.parley.client..", "org.parley.lab.."};

    /** The attack lab (parley-lab), with its deliberately broken Insecure variants. */
    static final String LAB_PACKAGE = "org.parley.lab..";

    /** The one place outside the lab allowed to use it: the {@code parley lab} command. */
    static final String LAB_COMMAND_PACKAGE = "org.parley.cli.lab..";

    /** parley-crypto's deliberately broken compositions (3DES with a fixed key, bare MD5, CTR without MAC). */
    static final String INSECURE_PRIMITIVES = "org.parley.crypto.insecure..";

    /** Where JDBC and the SQLite driver may be used: the store, which runs them on its own threads. */
    static final String STORE_PACKAGE = "org.parley.server.store..";
    /**
     * The attack lab's malicious server operator, which edits the lab server's database from the
     * scenario's thread as an operator with a shell could (never from a server's event loop).
     */
    static final String LAB_OPERATOR_PACKAGE = "org.parley.lab.e2e..";

    private AllModuleRules() {
    }

    /**
     * The production classes of every module: test classes are left out, in directories and in
     * test jars (parley-protocol's test-jar, with its deliberately bad fixtures, is on this class
     * path).
     */
    static JavaClasses productionClasses() {
        return new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("org.parley");
    }

    /** Only org.parley.crypto touches cryptographic implementations (the rule parley-protocol's tests define). */
    static ArchRule cryptoStaysInTheCryptoModule() {
        return ParleyRules.cryptoStaysInTheCryptoModule();
    }

    /** No System.out/err and no printStackTrace in the given packages. */
    static ArchRule noStandardStreamsOrStackTraceDumpsIn(String... packages) {
        return noClasses().that().resideInAnyPackage(packages)
                .should().accessField(System.class, "out")
                .orShould().accessField(System.class, "err")
                .orShould().callMethodWhere(ParleyRules.printStackTrace())
                .because("library code logs (without secrets) through SLF4J; only the CLI's Main owns the console");
    }

    /** In the CLI, only {@code mainClass} touches System.out/err; commands and views get writers from it. */
    static ArchRule onlyTheEntryPointTouchesTheConsole(Class<?> mainClass) {
        return noClasses().that().resideInAPackage("org.parley.cli..")
                .and().doNotBelongToAnyOf(mainClass)
                .should().accessField(System.class, "out")
                .orShould().accessField(System.class, "err")
                .orShould().callMethodWhere(ParleyRules.printStackTrace())
                .because("commands and views write to the PrintWriters of CliContext, so tests can capture them");
    }

    /** No static mutable state anywhere: every static field is final (the rule parley-protocol's tests define). */
    static ArchRule noMutableStaticFields() {
        return ParleyRules.noMutableStaticFields();
    }

    /**
     * Blocking database work stays in {@code storePackage}, whose executors run it: no other
     * package (in particular no Netty handler on an event loop) uses JDBC or the SQLite driver.
     */
    static ArchRule databaseStaysIn(String... storePackages) {
        return noClasses().that().resideInAPackage("org.parley..")
                .and().resideOutsideOfPackages(storePackages)
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..", "org.sqlite..")
                .because("SQLite calls block; only the store runs them, on its bounded executors");
    }

    /**
     * The server's Netty handlers (event-loop code) never call a store directly. Its records
     * (an {@code AccountRecord} in an authentication outcome) are plain data and allowed.
     */
    static ArchRule eventLoopHandlersDoNotUseTheStore(String handlerPackage) {
        DescribedPredicate<JavaClass> aStore = JavaClass.Predicates.assignableTo(AccountStore.class)
                .or(JavaClass.Predicates.assignableTo(RoomStore.class))
                .or(JavaClass.Predicates.assignableTo(MessageStore.class));
        return noClasses().that().resideInAPackage(handlerPackage)
                .should().dependOnClassesThat(aStore.as("a store (AccountStore, RoomStore, MessageStore)"))
                .because("an event loop must never block; store work goes through the chat and auth services' executors");
    }

    /**
     * Nothing depends on the attack lab except the lab itself and {@code entryPackage} (the
     * {@code parley lab} command): the server, the client library, the desktop and the rest of the
     * CLI can never reach an Insecure variant.
     */
    static ArchRule nothingUsesTheLabExcept(String entryPackage) {
        return noClasses().that().resideInAPackage("org.parley..")
                .and().resideOutsideOfPackages(LAB_PACKAGE, entryPackage)
                .should().dependOnClassesThat().resideInAPackage(LAB_PACKAGE)
                .because("parley-lab holds deliberately broken protocol variants; only 'parley lab' may run them");
    }

    /** parley-crypto's Insecure primitives are used by {@code allowedPackage} (the lab) only. */
    static ArchRule insecurePrimitivesOnlyIn(String allowedPackage) {
        return noClasses().that().resideInAPackage("org.parley..")
                .and().resideOutsideOfPackages(allowedPackage, INSECURE_PRIMITIVES)
                .should().dependOnClassesThat().resideInAPackage(INSECURE_PRIMITIVES)
                .because("fixed-key 3DES, bare MD5 and MAC-less CTR exist only to show attacks succeeding in the lab");
    }
}
