package org.parley.server.store;

/**
 * One account's part of a batched bundle fetch ({@link E2eStore#takeBundles(java.util.List)}).
 *
 * @param account the canonical account name
 * @param oneTime whether its bundles carry (and the store deletes) one-time prekeys
 */
public record BundleTake(String account, boolean oneTime) {
}
