package testserver;

import io.apicurio.common.apps.config.DynamicConfigPropertyList;
import javax.enterprise.context.ApplicationScoped;
import javax.enterprise.inject.Produces;
import java.util.List;

/** Stands in for the bean that apicurio-common-app-components-config-index-deployment (not on Maven Central) generates at build time. */
@ApplicationScoped
public class EmptyDynamicConfigList {
    @Produces @ApplicationScoped
    DynamicConfigPropertyList list() { return new DynamicConfigPropertyList(List.of()); }
}
