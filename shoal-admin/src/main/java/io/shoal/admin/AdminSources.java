package io.shoal.admin;

import io.shoal.autoscaler.EventLog;
import io.shoal.proxy.log.AccessLog;
import io.shoal.proxy.stats.ConnectionStats;
import io.shoal.proxy.tls.TlsListeners;
import io.shoal.topology.Topology;
import io.shoal.topology.TrafficSampler;

/**
 * What the admin endpoint reads and acts on: the topology (services, servers, states), the traffic
 * figures of the sampler, the proxy's connection figures, access log and certificates, the replicas and the
 * autoscaler's events.
 */
public record AdminSources(Topology topology, TrafficSampler traffic, ConnectionStats connections,
                           AccessLog accessLog, TlsListeners tls, ReplicaControl replicas, EventLog events) {}
