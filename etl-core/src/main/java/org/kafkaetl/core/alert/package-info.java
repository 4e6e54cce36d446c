/** The alerting boundary: an incident and the interface that delivers it. */
package org.kafkaetl.core.alert;
