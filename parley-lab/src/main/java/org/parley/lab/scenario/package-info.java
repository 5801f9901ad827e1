/**
 * The attacks. Each class is one scenario (or one family, such as the bit flips); each narrates
 * into a {@link org.parley.lab.Trace} and derives its verdict from what the client and server did.
 */
package org.parley.lab.scenario;
