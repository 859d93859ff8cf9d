/**
 * Test data: every key path of the three charts' values that this repository may set, each with the
 * line of the chart (at its pinned tag) that declares it, or, for a key the chart's values.yaml only
 * shows commented out, the template line that reads it. A key the chart does not read is silently
 * ignored by Helm, so stacks.test.ts fails on any key path a values builder produces that is not
 * listed here.
 *
 * `freeForm` paths hold values the chart passes through whole (Kubernetes' own objects, Grafana's
 * configuration, labels): their content is not the chart's keys.
 */

export interface ValuesKeys {
  /** Dotted key paths of leaves (a list is a leaf) → where the chart declares or reads them. */
  readonly keys: Readonly<Record<string, string>>;
  /** Dotted key paths of values passed through whole → where the chart declares or reads them. */
  readonly freeForm: Readonly<Record<string, string>>;
}

const at = (source: string) => (line: number | string) => `${source}#L${line}`;

const traefik = at('traefik/traefik-helm-chart@v39.0.9:traefik/values.yaml');
const traefikTemplate = (file: string) => at(`traefik/traefik-helm-chart@v39.0.9:traefik/templates/${file}`);

export const TRAEFIK_VALUES_KEYS: ValuesKeys = {
  keys: {
    'ingressClass.enabled': traefik(119),
    'ingressClass.isDefaultClass': traefik(120),
    'ingressClass.name': traefik(121),
    'providers.kubernetesCRD.enabled': traefik(295),
    'providers.kubernetesCRD.allowCrossNamespace': traefik(297),
    'providers.kubernetesIngress.enabled': traefik(314),
    'providers.kubernetesIngress.ingressClass': traefik(322),
    'ports.web.port': traefik(847),
    'ports.web.exposedPort': traefik(852),
    'ports.web.expose.default': traefik(851),
    'ports.web.asDefault': traefik(846),
    'ports.websecure.port': traefik(899),
    'ports.websecure.exposedPort': traefik(904),
    'ports.websecure.expose.default': traefik(903),
    'ports.websecure.asDefault': `${traefik(898)} (commented), read for every port by ${traefikTemplate('_podtemplate.tpl')('213-L214')}`,
    'service.type': traefik(1013),
    'metrics.prometheus.service.enabled': traefik(587),
    'metrics.prometheus.disableAPICheck': traefik(591),
    'metrics.prometheus.serviceMonitor.enabled': traefik(594),
    'logs.general.format': traefik(440),
    'global.checkNewVersion': traefik(778),
    priorityClassName: traefik(1160),
  },
  freeForm: {
    'metrics.prometheus.serviceMonitor.additionalLabels': traefik(605),
    resources: traefik(1129),
    securityContext: traefik(1164),
    podSecurityContext: traefik(1172),
  },
};

const tempo = at('grafana/helm-charts@tempo-1.24.4:charts/tempo/values.yaml');

export const TEMPO_VALUES_KEYS: ValuesKeys = {
  keys: {
    'tempo.receivers.otlp.protocols.grpc.endpoint': tempo(178),
    'tempo.reportingEnabled': tempo(47),
    'persistence.enabled': tempo(370),
    'persistence.size': tempo(376),
    priorityClassName: tempo(400),
  },
  freeForm: {
    'tempo.resources': tempo(36),
    'tempo.securityContext': tempo(181),
    securityContext: tempo(330),
  },
};

const kps = at('prometheus-community/helm-charts@kube-prometheus-stack-81.6.9:charts/kube-prometheus-stack/values.yaml');
const kpsTemplate = (file: string) => at(`prometheus-community/helm-charts@kube-prometheus-stack-81.6.9:charts/kube-prometheus-stack/templates/${file}`);
const grafana = at('grafana-community/helm-charts@grafana-11.1.5:charts/grafana/values.yaml');
const grafanaTemplate = (file: string) => at(`grafana-community/helm-charts@grafana-11.1.5:charts/grafana/templates/${file}`);
const ksm = at('prometheus-community/helm-charts@kube-state-metrics-7.1.0:charts/kube-state-metrics/values.yaml');
const ksmTemplate = (file: string) => at(`prometheus-community/helm-charts@kube-state-metrics-7.1.0:charts/kube-state-metrics/templates/${file}`);

export const KUBE_PROMETHEUS_STACK_VALUES_KEYS: ValuesKeys = {
  keys: {
    'crds.enabled': kps(34),
    'crds.upgradeJob.enabled': kps(40),
    'defaultRules.rules.network': kps(198),
    'defaultRules.rules.nodeExporterAlerting': kps(200),
    'defaultRules.rules.nodeExporterRecording': kps(201),
    'alertmanager.enabled': kps(388),
    'alertmanager.alertmanagerSpec.priorityClassName': kps(1167),
    'grafana.enabled': kps(1226),
    'grafana.admin.existingSecret': kps(1321),
    'grafana.admin.userKey': kps(1322),
    'grafana.admin.passwordKey': kps(1323),
    'grafana.ingress.enabled': kps(1333),
    'grafana.ingress.ingressClassName': `${kps(1338)} (commented), read by ${grafanaTemplate('ingress.yaml')('24-L26')}`,
    'grafana.ingress.hosts': kps(1355),
    'grafana.ingress.path': kps(1358),
    'grafana.ingress.pathType': grafana(294),
    'grafana.ingress.tls': kps(1363),
    'grafana.persistence.enabled': grafana(420),
    'grafana.persistence.size': grafana(426),
    'grafana.initChownData.enabled': grafana(458),
    'grafana.testFramework.enabled': grafana(117),
    'grafana.priorityClassName': `${grafana(187)} (commented), read by ${grafanaTemplate('_pod.tpl')('28-L29')}`,
    'grafana.sidecar.dashboards.enabled': kps(1386),
    'grafana.sidecar.dashboards.label': kps(1387),
    'grafana.sidecar.dashboards.labelValue': kps(1388),
    'grafana.sidecar.dashboards.searchNamespace': kps(1390),
    'grafana.sidecar.dashboards.folderAnnotation': grafana(1119),
    'grafana.sidecar.dashboards.provider.foldersFromFilesStructure': grafana(1191),
    'grafana.sidecar.datasources.enabled': kps(1406),
    'grafana.sidecar.datasources.defaultDatasourceEnabled': kps(1407),
    'grafana.sidecar.datasources.isDefaultDatasource': kps(1408),
    'grafana.sidecar.datasources.alertmanager.enabled': kps(1455),
    'grafana.additionalDataSources': kps(1473),
    'kubelet.namespace': kps(1625),
    'kubeControllerManager.enabled': kps(1869),
    'coreDns.enabled': kps(1980),
    'kubeEtcd.enabled': kps(2170),
    'kubeScheduler.enabled': kps(2284),
    'kubeProxy.enabled': kps(2394),
    'nodeExporter.enabled': kps(2527),
    'kube-state-metrics.priorityClassName': `${ksm(372)} (commented), read by ${ksmTemplate('deployment.yaml')('51-L52')}`,
    'prometheusOperator.priorityClassName': `${kps(3132)} (commented), read by ${kpsTemplate('prometheus-operator/deployment.yaml')('41-L42')}`,
    'prometheusOperator.admissionWebhooks.enabled': kps(2687),
    'prometheusOperator.tls.enabled': kps(2654),
    'prometheusOperator.kubeletService.enabled': kps(3145),
    'prometheusOperator.kubeletService.namespace': kps(3146),
    'prometheus.prometheusSpec.priorityClassName': kps(4531),
    'prometheus.prometheusSpec.serviceMonitorSelectorNilUsesHelmValues': kps(4177),
    'prometheus.prometheusSpec.ruleSelectorNilUsesHelmValues': kps(4152),
    'prometheus.prometheusSpec.retentionSize': kps(4272),
    'prometheus.prometheusSpec.additionalScrapeConfigs': kps(4408),
  },
  freeForm: {
    'alertmanager.alertmanagerSpec.resources': kps(1060),
    'alertmanager.alertmanagerSpec.securityContext': kps(1114),
    'grafana.grafana.ini': grafana(878),
    'grafana.ingress.annotations': kps(1342),
    'grafana.deploymentStrategy': grafana(77),
    'grafana.resources': grafana(356),
    'grafana.securityContext': grafana(149),
    'grafana.containerSecurityContext': grafana(155),
    'grafana.sidecar.resources': grafana(967),
    'kube-state-metrics.resources': ksm(479),
    'kube-state-metrics.securityContext': ksm(316),
    'kube-state-metrics.containerSecurityContext': ksm(328),
    'prometheusOperator.resources': kps(3217),
    'prometheusOperator.securityContext': kps(3273),
    'prometheusOperator.containerSecurityContext': kps(3288),
    'prometheus.prometheusSpec.serviceMonitorSelector': kps(4182),
    'prometheus.prometheusSpec.ruleSelector': kps(4157),
    'prometheus.prometheusSpec.externalLabels': kps(4093),
    'prometheus.prometheusSpec.storageSpec': kps(4373),
    'prometheus.prometheusSpec.resources': kps(4366),
    'prometheus.prometheusSpec.securityContext': kps(4513),
  },
};
