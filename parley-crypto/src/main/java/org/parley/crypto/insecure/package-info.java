/**
 * Deliberately broken compositions of standard primitives, for the attack lab (parley-lab) only.
 *
 * <p>Every type here is named {@code Insecure…} so a grep finds every use. None of them is used by
 * the protocol, the server or the clients; an ArchUnit rule in parley-cli's tests fails the build
 * if any package other than {@code org.parley.lab..} depends on this one. They exist so the lab can
 * show an attack <em>succeeding</em> against the scheme Parley replaced (the Python original's
 * hard-coded 3DES key and bare MD5) and against a cipher without a MAC. Nothing here is a new
 * primitive: each class is a thin call into the JDK's DESede, MD5 and AES-CTR.
 */
package org.parley.crypto.insecure;
