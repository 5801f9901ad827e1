package org.parley.protocol.arch.bad;

/**
 * A message interface that, unlike the sealed production ones, test code can implement with a
 * class: the production interfaces are sealed, so a bad implementation of them cannot compile.
 */
public interface Message {
}
