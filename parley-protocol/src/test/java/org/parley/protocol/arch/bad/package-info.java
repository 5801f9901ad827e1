/**
 * Deliberately rule-breaking classes, compiled only into the test classes so that
 * RulesCatchViolationsTest can prove each architecture rule reports a violation. Never import
 * these from production code.
 */
package org.parley.protocol.arch.bad;
