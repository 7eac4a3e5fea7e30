/** The rules at run time: latest values, rule instances and their states, actions, the engine's thread. */
package org.cityedge.rules.engine;
