/** The functions rule expressions may call; the only package the sandbox lets expressions see. */
package org.cityedge.rules.expr.functions;
