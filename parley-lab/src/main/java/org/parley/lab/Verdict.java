package org.parley.lab;

/** How an attack ended. */
public enum Verdict {
    /** A check fired (or the attacker learned nothing useful): the attack failed. */
    DEFEATED,
    /** The attacker reached the goal: read, changed, forged or impersonated. */
    SUCCEEDED
}
