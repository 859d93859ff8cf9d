import { CustomObjectsApi } from '@kubernetes/client-node';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { kubeConfigFrom } from '../../../../src/runtime/kubernetes/config.js';
import { WorkflowSubmitter } from '../../../../src/runtime/kubernetes/workflows.js';
import { parseSolver } from '../../../../src/runtime/python/solver.js';
import { FakeApiServer } from '../../../../test/services/fake-api-server.js';
import { context } from '../application/fakes.js';
import { solverOrder } from '../domain/package-orders.js';
import { adviserOrder } from '../domain/trigger-orders.js';
import { ArgoScheduler } from './argo-scheduler.js';

/** The fields a test gives, as the checked message a handler gets (the envelope added). */
const asMessage = <T>(fields: Record<string, unknown>): T => ({ component_name: 'test', service_version: '1', ...fields }) as T;

let server: FakeApiServer;
let submitter: WorkflowSubmitter;
const waits: string[] = [];
const gate = {
  waitForRoom: async (namespace: string) => void waits.push(`wait ${namespace}`),
  submitted: (namespace: string) => void waits.push(`submitted ${namespace}`),
};
const namespaces = { middletier: 'thoth-middletier-test', backend: 'thoth-backend-test' };
const solve = solverOrder(
  parseSolver('solver-rhel-8-py38'),
  { name: 'flask', version: '2.0.1', indexUrl: 'https://pypi.org/simple' },
  { dependencyIndexes: [], debug: false },
);

beforeAll(async () => {
  server = new FakeApiServer();
  await server.start();
  submitter = new WorkflowSubmitter(
    kubeConfigFrom({ KUBERNETES_API_URL: server.url, KUBERNETES_VERIFY_TLS: '0', KUBERNETES_TOKEN_FILE: '/dev/null' }).makeApiClient(CustomObjectsApi),
  );
});
afterAll(async () => {
  await server.stop();
});
beforeEach(() => {
  waits.length = 0;
  server.workflows.clear();
});

test('an order becomes a Workflow of its entry template in its tier’s namespace, after the gate; a repeat is counted, not created', async () => {
  const registry = new Registry();
  const scheduler = new ArgoScheduler(submitter, gate, namespaces, pino({ level: 'silent' }), registry);
  expect(await scheduler.schedule(solve, 'unresolved-package', context)).toBe('created');
  expect(await scheduler.schedule(solve, 'unresolved-package', context)).toBe('already-exists');
  expect(await scheduler.schedule(adviserOrder(asMessage({ recommendation_type: 'stable', job_id: 'adviser-42' })), 'adviser-trigger', context)).toBe(
    'created',
  );

  expect(waits).toEqual([
    'wait thoth-middletier-test',
    'submitted thoth-middletier-test',
    'wait thoth-middletier-test',
    'wait thoth-backend-test',
    'submitted thoth-backend-test',
  ]);
  const [solver, adviser] = [...server.workflows.values()] as { metadata: { name: string; namespace: string; labels: Record<string, string> }; spec: any }[];
  expect(solver!.metadata.namespace).toBe('thoth-middletier-test');
  expect(solver!.spec.workflowTemplateRef).toEqual({ name: 'solver-workflow' });
  expect(solver!.metadata.labels['thoth-station.ninja/message-type']).toBe('unresolved-package');
  expect(solver!.spec.arguments.parameters).toContainEqual({ name: 'THOTH_SOLVER_WORKFLOW_ID', value: solver!.metadata.name });
  expect(adviser!.metadata).toMatchObject({ name: 'adviser-42', namespace: 'thoth-backend-test' });

  const metrics = await registry.metrics();
  expect(metrics).toContain('thoth_investigator_scheduled_workflows_total{message_type="thoth.investigator.unresolved-package",workflow_type="solver"} 1');
  expect(metrics).toContain('thoth_investigator_scheduled_workflows_total{message_type="thoth.adviser-trigger",workflow_type="adviser"} 1');
  expect(metrics).toContain('thoth_investigator_workflows_already_submitted_total{workflow_type="solver"} 1');
});

test('a refused submission is the submitter’s error, retryable or not', async () => {
  const scheduler = new ArgoScheduler(submitter, gate, namespaces, pino({ level: 'silent' }), new Registry());
  server.failNext(403, 'Forbidden');
  await expect(scheduler.schedule(solve, 'unresolved-package', context)).rejects.toMatchObject({ retryable: 'for-a-while', status: 403 });
  server.failNext(503, 'ServiceUnavailable');
  await expect(scheduler.schedule(solve, 'unresolved-package', context)).rejects.toMatchObject({ retryable: true, status: 503 });
});
