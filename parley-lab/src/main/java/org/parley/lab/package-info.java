/**
 * The attack lab: scenarios that attack a real Parley server and client through an attacker proxy
 * ({@link org.parley.lab.net.AttackerProxy}), narrate what happened ({@link org.parley.lab.Trace})
 * and give a verdict ({@link org.parley.lab.Verdict}); {@link org.parley.lab.Lab} runs them.
 *
 * <p>This module is a teaching tool. It may hold deliberately broken variants
 * ({@code org.parley.lab.insecure}, every type named {@code Insecure…}); no module depends on it
 * except parley-cli, for the {@code parley lab} command (checked by ArchUnit in parley-cli's tests).
 */
package org.parley.lab;
