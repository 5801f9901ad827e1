package org.parley.protocol.arch;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parley.protocol.auth.AuthMessage;
import org.parley.protocol.handshake.HandshakeMessage;

/**
 * Code rules from docs/STYLE.md checked on every production class of parley-crypto and
 * parley-protocol: no console output, no printStackTrace, no static mutable state, messages
 * are records. ArchUnit fails a rule whose "that" clause matches nothing, so none passes vacuously.
 */
class ProductionHygieneTest {
    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = ParleyRules.productionClasses();
    }

    @Test
    void noClassWritesToStandardStreamsOrPrintsStackTraces() {
        ParleyRules.noStandardStreamsOrStackTraceDumps().check(production);
    }

    @Test
    void everyStaticFieldIsFinal() {
        ParleyRules.noMutableStaticFields().check(production);
    }

    @Test
    void everyHandshakeMessageIsARecord() {
        ParleyRules.messagesAreRecords(HandshakeMessage.class).check(production);
    }

    @Test
    void everyAuthMessageIsARecord() {
        ParleyRules.messagesAreRecords(AuthMessage.class).check(production);
    }
}
