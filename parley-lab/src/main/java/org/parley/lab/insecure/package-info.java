/**
 * Deliberately broken protocol variants, for contrast only: each shows an attack <em>succeeding</em>
 * that Parley defeats. Every type is named {@code Insecure…}. They are not suites, have no wire
 * codes and are never offered: the real server and clients cannot negotiate them, and an ArchUnit
 * rule (parley-cli's tests) fails the build if anything outside {@code org.parley.lab} uses this
 * module. The primitives come from the JDK via parley-crypto's {@code org.parley.crypto.insecure};
 * the only arithmetic written here is textbook RSA ({@link org.parley.lab.insecure.InsecureTextbookRsa}),
 * which is {@code BigInteger.modPow} and nothing else, on purpose.
 */
package org.parley.lab.insecure;
