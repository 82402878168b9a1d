package io.shoal.autoscaler;

import io.shoal.config.ConfigException;
import io.shoal.config.ServiceConfig;
import io.shoal.config.ShoalConfig;
import io.shoal.config.YamlConfigLoader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** The service {@code shoal simulate --config FILE --service NAME} takes its {@code autoscale} settings from. */
final class SimulatedService {
    private SimulatedService() {}

    /**
     * @param name the service, or null for the only one with {@code autoscale}
     * @throws IllegalArgumentException naming the file when there is no such service or it has no autoscale
     */
    static ServiceConfig of(Path file, String name) throws IOException, ConfigException {
        ShoalConfig config = YamlConfigLoader.load(file);
        List<ServiceConfig> autoscaled = config.services().values().stream().filter(s -> s.autoscale() != null).toList();
        if (name == null) {
            if (autoscaled.size() != 1) {
                throw new IllegalArgumentException(file + ": " + (autoscaled.isEmpty() ? "no service has autoscale"
                        : "several services have autoscale (" + String.join(", ",
                        autoscaled.stream().map(ServiceConfig::name).toList()) + "): choose one with --service"));
            }
            return autoscaled.get(0);
        }
        ServiceConfig service = config.services().get(name);
        if (service == null || service.autoscale() == null) {
            throw new IllegalArgumentException(file + ": " + (service == null ? "no service '" + name + "'"
                    : "service '" + name + "' has no autoscale") + "; services with autoscale: "
                    + (autoscaled.isEmpty() ? "none" : String.join(", ", autoscaled.stream().map(ServiceConfig::name).toList())));
        }
        return service;
    }
}
