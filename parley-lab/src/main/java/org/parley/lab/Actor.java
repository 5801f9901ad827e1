package org.parley.lab;

/** Who a line of the narrated trace is about. */
public enum Actor {
    LAB, ATTACKER, CLIENT, SERVER
}
