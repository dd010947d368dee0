package org.mpathbus.exporter.prometheus.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "mpathbus Prometheus exporter",
        description = "Serves the multipath topology as Prometheus metrics on http://ADDRESS:PORT/metrics")
public @interface PrometheusExporterConfiguration {

    @AttributeDefinition(description = "The address to listen on: 127.0.0.1 (the default) serves this host only; "
            + "0.0.0.0 or a host address lets a Prometheus server elsewhere scrape it.")
    String address() default "127.0.0.1";

    @AttributeDefinition(description = "The TCP port of /metrics.", min = "1", max = "65535")
    int port() default PrometheusExporter.DEFAULT_PORT;
}
