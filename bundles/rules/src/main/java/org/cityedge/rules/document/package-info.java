/** The rule set document: its model, and reading it against the published JSON Schema with errors per field. */
package org.cityedge.rules.document;
