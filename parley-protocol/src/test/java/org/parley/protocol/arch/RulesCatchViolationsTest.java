package org.parley.protocol.arch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;
import org.parley.protocol.arch.bad.AllowedStatics;
import org.parley.protocol.arch.bad.BouncyCastleOutsideCrypto;
import org.parley.protocol.arch.bad.CipherOutsideCrypto;
import org.parley.protocol.arch.bad.ClassMessage;
import org.parley.protocol.arch.bad.ConsolePrinter;
import org.parley.protocol.arch.bad.ErrorPrinter;
import org.parley.protocol.arch.bad.Message;
import org.parley.protocol.arch.bad.MutableStatic;
import org.parley.protocol.arch.bad.RecordMessage;
import org.parley.protocol.arch.bad.StackTraceDumper;

/**
 * Proves each rule in {@link ParleyRules} can fail: it reports the deliberately bad classes in
 * org.parley.protocol.arch.bad (test sources only), and accepts the well-behaved ones.
 */
class RulesCatchViolationsTest {

    @Test
    void cryptoBoundaryRuleReportsJavaxCryptoOutsideTheCryptoModule() {
        assertThatThrownBy(() -> ParleyRules.cryptoStaysInTheCryptoModule().check(only(CipherOutsideCrypto.class)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(CipherOutsideCrypto.class.getName())
                .hasMessageContaining("javax.crypto.Cipher");
    }

    @Test
    void cryptoBoundaryRuleReportsBouncyCastleOutsideTheCryptoModule() {
        assertThatThrownBy(() -> ParleyRules.cryptoStaysInTheCryptoModule().check(only(BouncyCastleOutsideCrypto.class)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("org.bouncycastle");
    }

    @Test
    void standardStreamRuleReportsSystemOut() {
        assertThatThrownBy(() -> ParleyRules.noStandardStreamsOrStackTraceDumps().check(only(ConsolePrinter.class)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("System.out");
    }

    @Test
    void standardStreamRuleReportsSystemErr() {
        assertThatThrownBy(() -> ParleyRules.noStandardStreamsOrStackTraceDumps().check(only(ErrorPrinter.class)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("System.err");
    }

    @Test
    void standardStreamRuleReportsPrintStackTrace() {
        assertThatThrownBy(() -> ParleyRules.noStandardStreamsOrStackTraceDumps().check(only(StackTraceDumper.class)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("printStackTrace");
    }

    @Test
    void staticStateRuleReportsANonFinalStaticField() {
        assertThatThrownBy(() -> ParleyRules.noMutableStaticFields().check(only(MutableStatic.class)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("connections");
    }

    @Test
    void staticStateRuleAllowsStaticFinalFieldsAndEnumConstants() {
        JavaClasses allowed = only(AllowedStatics.class, AllowedStatics.Colour.class);

        assertThat(ParleyRules.noMutableStaticFields().evaluate(allowed).hasViolation()).isFalse();
    }

    @Test
    void recordRuleReportsAMessageThatIsAClass() {
        assertThatThrownBy(() -> ParleyRules.messagesAreRecords(Message.class).check(only(ClassMessage.class, RecordMessage.class)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(ClassMessage.class.getName())
                .hasMessageNotContaining(RecordMessage.class.getName());
    }

    @Test
    void recordRuleAcceptsRecordMessages() {
        assertThat(ParleyRules.messagesAreRecords(Message.class).evaluate(only(RecordMessage.class)).hasViolation())
                .isFalse();
    }

    private static JavaClasses only(Class<?>... classes) {
        return new ClassFileImporter().importClasses(classes);
    }
}
