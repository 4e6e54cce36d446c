/**
 * The tool's configuration: every setting is declared once in {@link
 * org.kafkaetl.core.config.EtlConfigDef} (type, default, validator, doc, importance), parsed once
 * into the immutable {@link org.kafkaetl.core.config.EtlConfig}, and rendered as
 * docs/configuration.md by {@link org.kafkaetl.core.config.ConfigDocs}. Parsing reports every
 * problem at once so an operator fixes a file in one pass, and never prints a secret. Secrets
 * ({@link org.kafkaetl.core.config.EtlConfigDef#secrets()}) may come from {@link
 * org.kafkaetl.core.config.SecretStore}s (Hadoop credential providers at the edge, the environment)
 * or owner-only files before the file's own values.
 */
package org.kafkaetl.core.config;
