/**
 * The bridge to the multipath configuration (bundle org.mpathbus.config), the only package of the core bundle
 * that uses it: the core bundle imports org.mpathbus.config optionally, and nothing outside this package
 * refers to its types, so the engine resolves and runs without it.
 */
package org.mpathbus.core.internal.config;
