/**
 * amun-inspection (components/amun-inspection/): the inspections amun-api submits (build an image
 * with kaniko, run it, report it done) and the dependency monkey (dm), in the amun-inspection
 * namespace with the registry Secret and the artifact repository they use.
 */
import {
  account,
  accountsOf,
  argumentsOf,
  callsOutOf,
  containersOf,
  danglingCallsOf,
  entryContract,
  imagesBuiltBy,
  inputsOf,
  namespaceOfTier,
  objectOf,
  renderedWith,
  specOf,
  splitEnvironment,
  templateOf,
  templatesBuiltBy,
  thothImage,
  workflowAccount,
  workflowTasksImage,
  workflowTemplate,
} from './render.js';

const NAMESPACE = namespaceOfTier('amun-inspection');
const spec = (name: string) => specOf(workflowTemplate(name, NAMESPACE));

test('renders the build, run and complete-message templates, dm, and the three entries', () => {
  expect(templatesBuiltBy('amun-inspection')).toEqual([
    'amun-inspection-workflow',
    'amun-inspection-workflow-with-cpu',
    'create-inspection-complete-message',
    'dependency-monkey-workflow',
    'dm',
    'inspection-build-template',
    'inspection-build-with-cpu-template',
    'inspection-run-template',
    'inspection-run-with-cpu-template',
  ]);
});

test.each(['amun-inspection', 'amun-inspection-with-cpu', 'dependency-monkey'] as const)(
  '%s: the entry is in its tier’s namespace and declares what its callers pass',
  (purpose) => {
    expect(entryContract(purpose)).toMatchObject({ undeclared: [], requiredButNotPassed: [] });
  },
);

test('an inspection sends its messages; the build gets 750m (1 CPU pinned to a CPU) and 1 GiB; kept 3 days, 4 hours to run', () => {
  expect(argumentsOf(workflowTemplate('amun-inspection-workflow', NAMESPACE))).toMatchObject({
    THOTH_SEND_MESSAGES: '1',
    AMUN_BUILD_CPU: '750m',
    AMUN_BUILD_MEMORY: '1Gi',
  });
  expect(argumentsOf(workflowTemplate('amun-inspection-workflow-with-cpu', NAMESPACE))).toMatchObject({ AMUN_BUILD_CPU: '1', CPU_MODEL: '<required>' });
  for (const name of ['amun-inspection-workflow', 'amun-inspection-workflow-with-cpu'])
    expect(spec(name)).toMatchObject({ ttlStrategy: { secondsAfterCompletion: 259200 }, activeDeadlineSeconds: 14400 });
  expect(spec('dependency-monkey-workflow')).toMatchObject({ ttlStrategy: { secondsAfterCompletion: 1800 }, activeDeadlineSeconds: 3000 });
});

test('the entries pull with amun-registry and keep artifacts in amun-artifact-ref, both rendered in the namespace', () => {
  for (const name of ['amun-inspection-workflow', 'amun-inspection-workflow-with-cpu']) {
    expect(spec(name)).toMatchObject({
      imagePullSecrets: [{ name: 'amun-registry' }],
      artifactRepositoryRef: { configMap: 'amun-artifact-ref', key: 'default' },
    });
  }
  expect(objectOf('ExternalSecret', 'amun-registry', NAMESPACE)).toMatchObject({ spec: { target: { template: { type: 'kubernetes.io/dockerconfigjson' } } } });
  expect(objectOf('ConfigMap', 'amun-artifact-ref', NAMESPACE)?.data).toHaveProperty('default');
});

test('the kaniko build runs as root without privilege escalation, retries 3 times on error, and its resources follow the inputs', () => {
  const build = templateOf(workflowTemplate('inspection-build-template', NAMESPACE), 'build');
  expect(build.container).toMatchObject({ securityContext: { runAsUser: 0, allowPrivilegeEscalation: false } });
  expect(build.retryStrategy).toEqual({ limit: '3', retryPolicy: 'OnError' });
  expect(JSON.parse(build.podSpecPatch!).containers[0].resources.limits).toEqual({ cpu: '{{inputs.parameters.cpu}}', memory: '{{inputs.parameters.memory}}' });
  expect(inputsOf(build)).toMatchObject({ cpu: '500m', memory: '512Mi' });
});

test("runs kaniko v1.23.2, the inspected image from amun.registry, amun-inspect-hwinfo, the adviser (dm) and this repository's workflow-tasks", () => {
  const { registry } = splitEnvironment().amun;
  expect(imagesBuiltBy('amun-inspection')).toEqual(
    [
      'gcr.io/kaniko-project/executor:v1.23.2',
      `${registry}:{{inputs.parameters.inspection-id}}`,
      thothImage('adviser'),
      thothImage('amun-inspect-hwinfo'),
      workflowTasksImage(),
    ].sort(),
  );
});

test('dm stays with the adviser switched off (it is amun-inspection’s), still at the adviser’s pinned tag', () => {
  // dependency-monkey.ts builds dm's image from components.adviser's settings.
  const dm = objectOf('WorkflowTemplate', 'dm', NAMESPACE, renderedWith({ adviser: { enabled: false, imageTag: 'v0.99.0' } }));
  expect(dm && containersOf(dm).map((c) => c.image)).toEqual(['quay.io/thoth-station/adviser:v0.99.0']);
});

test("runs as its namespace's workflow account, which may only report step results", () => {
  expect(accountsOf('amun-inspection')).toEqual([`${NAMESPACE}/argo-workflow`]);
  expect(account('argo-workflow', NAMESPACE)).toEqual(workflowAccount(NAMESPACE));
});

test("calls graph-sync's and workflow-core's templates, which exist in its namespace", () => {
  expect(callsOutOf('amun-inspection')).toEqual(['graph-sync/graph-sync', 'send-messages/send-messages']);
  expect(danglingCallsOf('amun-inspection')).toEqual([]);
});
