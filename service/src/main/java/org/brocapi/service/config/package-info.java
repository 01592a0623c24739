/**
 * Configuration: the 1.0 INI file read with Python configparser rules, environment overrides,
 * built-in defaults, and start-up validation into one immutable ServiceConfig.
 */
package org.brocapi.service.config;
