/**
 * Test data: every key path of the logs stack's charts' values (Loki, Alloy) that this repository may
 * set, each with the line of the chart (at its pinned tag) that declares it. Keys the chart renders
 * into Loki's configuration as they are (`loki.limits_config`, `loki.compactor`, `loki.server`,
 * `loki.analytics`, `loki.extraMemberlistConfig`) are listed with the chart's line and the line of
 * Loki (at the image's tag) that reads them: Loki, like Helm, ignores a key it does not know.
 * Kept apart from values-keys.fixture.ts (the engine's three charts), in its shape.
 */
import type { ValuesKeys } from './values-keys.fixture.js';

const at = (source: string) => (line: number | string) => `${source}#L${line}`;

const loki = at('grafana-community/helm-charts@loki-6.57.0:charts/loki/values.yaml');
const lokiSource = (file: string) => at(`grafana/loki@v3.6.15:${file}`);
const lokiConfig = (chartLine: number, file: string, line: number) => `${loki(chartLine)}, read by ${lokiSource(file)(line)}`;

export const LOKI_VALUES_KEYS: ValuesKeys = {
  keys: {
    deploymentMode: loki(59),
    'loki.image.tag': loki(91),
    'loki.auth_enabled': loki(387),
    'loki.commonConfig.replication_factor': loki(425),
    'loki.storage.type': loki(438),
    'loki.limits_config.retention_period': lokiConfig(413, 'pkg/validation/limits.go', 195),
    'loki.limits_config.max_label_names_per_series': lokiConfig(413, 'pkg/validation/limits.go', 80),
    'loki.compactor.retention_enabled': lokiConfig(576, 'pkg/compactor/config.go', 24),
    'loki.compactor.delete_request_store': lokiConfig(576, 'pkg/compactor/config.go', 29),
    'loki.server.log_level': lokiConfig(403, 'vendor/github.com/grafana/dskit/server/server.go', 144),
    'loki.server.log_format': lokiConfig(403, 'vendor/github.com/grafana/dskit/server/server.go', 143),
    'loki.analytics.reporting_enabled': lokiConfig(583, 'pkg/analytics/reporter.go', 52),
    'loki.extraMemberlistConfig.bind_addr': lokiConfig(391, 'vendor/github.com/grafana/dskit/kv/memberlist/tcp_transport.go', 42),
    'singleBinary.replicas': loki(1456),
    'singleBinary.priorityClassName': loki(1476),
    'singleBinary.extraArgs': loki(1497),
    'singleBinary.persistence.enabled': loki(1549),
    'singleBinary.persistence.size': loki(1554),
    'singleBinary.persistence.enableStatefulSetAutoDeletePVC': loki(1543),
    'write.replicas': loki(1578),
    'read.replicas': loki(1720),
    'backend.replicas': loki(1857),
    'gateway.enabled': loki(1054),
    'chunksCache.enabled': loki(3773),
    'resultsCache.enabled': loki(3660),
    'lokiCanary.enabled': loki(783),
    'test.enabled': loki(753),
    'sidecar.rules.enabled': loki(4145),
    'rbac.namespaced': loki(890),
  },
  freeForm: {
    'loki.schemaConfig': `${loki(531)}, Loki's schema_config (${lokiSource('pkg/storage/config/schema_config.go')('139-L145')})`,
    'loki.podSecurityContext': loki(109),
    'loki.containerSecurityContext': loki(116),
    'singleBinary.resources': loki(1511),
    'singleBinary.extraEnv': loki(1499),
  },
};

const alloy = at('grafana/alloy@helm-chart/1.11.1:operations/helm/charts/alloy/values.yaml');

export const ALLOY_VALUES_KEYS: ValuesKeys = {
  keys: {
    'crds.create': alloy(29),
    'alloy.configMap.content': alloy(39),
    'alloy.storagePath': alloy(62),
    'alloy.enableReporting': alloy(88),
    'alloy.mounts.extra': alloy(131),
    'rbac.namespaces': alloy(172),
    'rbac.rules': alloy(175),
    'controller.type': alloy(282),
    'controller.replicas': alloy(285),
    'controller.priorityClassName': alloy(329),
    'controller.volumes.extra': alloy(480),
    'service.enabled': alloy(511),
    'serviceMonitor.enabled': alloy(526),
  },
  freeForm: {
    'global.podSecurityContext': alloy(25),
    'alloy.securityContext': alloy(134),
    'alloy.resources': alloy(137),
    'configReloader.resources': alloy(262),
    'configReloader.securityContext': alloy(267),
    'serviceMonitor.additionalLabels': alloy(528),
  },
};
