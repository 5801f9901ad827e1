/**
 * The attacker's machinery: a TCP proxy that cuts the byte stream into Parley frames
 * ({@link org.parley.lab.net.AttackerProxy}) and hands each to a {@link org.parley.lab.net.FrameTap},
 * and a raw peer for attacks that speak to the server directly.
 */
package org.parley.lab.net;
