/**
 * The gateway's local web console and HTTP API (docs/console/http-api.md) as one DS component: it binds Felix HTTP
 * to the configured LAN interface only, serves the API and the pages on the servlet whiteboard (jakarta, 2.0),
 * and reaches the rest of the gateway through the api bundle's services, never another bundle's code.
 */
package org.cityedge.console;
