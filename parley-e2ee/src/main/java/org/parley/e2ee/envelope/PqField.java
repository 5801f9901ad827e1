package org.parley.e2ee.envelope;

import org.parley.crypto.Bytes;

/**
 * The post-quantum part of a message header (docs/E2EE.md, "Post-quantum ratchet step"): nothing,
 * an ML-KEM-768 encapsulation key offered for the next step, or the ciphertext answering the
 * peer's offer. It rides on every message of the sending chain it belongs to.
 */
public sealed interface PqField {
    int OFFER_LENGTH = 1184;
    int ANSWER_LENGTH = 1088;

    /** Wire code: 0 none, 1 offer, 2 answer. */
    int code();

    Bytes data();

    record None() implements PqField {
        @Override
        public int code() {
            return 0;
        }

        @Override
        public Bytes data() {
            return Bytes.empty();
        }
    }

    record Offer(Bytes encapsulationKey) implements PqField {
        public Offer {
            if (encapsulationKey.length() != OFFER_LENGTH) {
                throw new IllegalArgumentException("ML-KEM-768 encapsulation key must be 1184 bytes");
            }
        }

        @Override
        public int code() {
            return 1;
        }

        @Override
        public Bytes data() {
            return encapsulationKey;
        }
    }

    record Answer(Bytes ciphertext) implements PqField {
        public Answer {
            if (ciphertext.length() != ANSWER_LENGTH) {
                throw new IllegalArgumentException("ML-KEM-768 ciphertext must be 1088 bytes");
            }
        }

        @Override
        public int code() {
            return 2;
        }

        @Override
        public Bytes data() {
            return ciphertext;
        }
    }
}
