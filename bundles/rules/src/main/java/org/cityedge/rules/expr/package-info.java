/** The expression sandbox (JEXL, cut down), the evaluation time limit and the time and sun variables. */
package org.cityedge.rules.expr;
