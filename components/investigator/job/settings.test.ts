import { ConfigError } from '../../../src/runtime/environment.js';
import { investigatorSettings } from './settings.js';

const BASE = {
  THOTH_MIDDLETIER_NAMESPACE: 'thoth-middletier-test',
  THOTH_BACKEND_NAMESPACE: 'thoth-backend-test',
  KAFKA_CONSUMER_GROUP_ID: 'thoth.investigator.middletier',
  THOTH_INVESTIGATOR_SOLVERS: 'solver-rhel-8-py38\nsolver-fedora-35-py39\n',
};

test('defaults: both modes, every kind of scheduling, no pending limit, earliest offsets', () => {
  const settings = investigatorSettings(BASE);
  const effects = settings.effects!;
  expect(effects.modes).toEqual(['middletier', 'backend']);
  expect(effects.policy).toMatchObject({ solver: true, revsolver: true, security: true, kebechetAdministrator: true, versionLimit: 30 });
  expect(effects.policy.solvers.map((solver) => solver.name)).toEqual(['solver-rhel-8-py38', 'solver-fedora-35-py39']);
  expect(settings.consumer).toEqual({
    groupId: 'thoth.investigator.middletier',
    concurrency: 5,
    retry: { maxAttempts: 5, backoffMs: 500, maxBackoffMs: 60_000, refusedForMs: 600_000, holdLimitMs: 3_600_000 },
    fromBeginning: true,
    sessionTimeoutMs: 30_000,
    rebalanceTimeoutMs: 300_000,
    deadLetters: true,
  });
  expect(effects.pendingLimit).toBeUndefined();
  expect(effects.pendingPollMs).toBe(2_000);
  expect(settings.port).toBe(6066);
});

test('the reference’s variables', () => {
  const settings = investigatorSettings({
    ...BASE,
    THOTH_CONSUMER_MODE: '["backend"]',
    ARGO_PENDING_WORKFLOW_LIMIT: '900',
    ARGO_PENDING_SLEEP_TIME: '0.5',
    THOTH_INVESTIGATOR_BACKOFF: '1.5',
    THOTH_INVESTIGATOR_MAX_RETRIES: '3',
    THOTH_CONSUMER_WORKERS: '2',
    KAFKA_CONSUMER_AUTO_OFFSET_RESET: 'latest',
    KAFKA_CONSUMER_ENABLE_AUTO_COMMIT: 'false',
    THOTH_LOG_SOLVER: 'DEBUG',
  });
  expect(settings.effects!.modes).toEqual(['backend']);
  expect(settings.effects!.pendingLimit).toBe(900);
  expect(settings.effects!.pendingPollMs).toBe(500);
  expect(settings.consumer).toMatchObject({ concurrency: 2, fromBeginning: false, retry: { maxAttempts: 3, backoffMs: 1_500 } });
  expect(settings.effects!.policy.debugSolver).toBe(true);
  expect(investigatorSettings({ ...BASE, THOTH_CONSUMER_MODE: 'middletier' }).effects!.modes).toEqual(['middletier']);
});

test('metrics alone: a counter that reads no namespaces, solvers or graph, and keeps no dead letters', () => {
  const settings = investigatorSettings({ THOTH_CONSUMER_MODE: '["metrics"]', KAFKA_CONSUMER_GROUP_ID: 'thoth.message-metrics' });
  expect(settings.effects).toBeUndefined();
  expect(settings.consumer).toMatchObject({ groupId: 'thoth.message-metrics', deadLetters: false });
});

test('solvers are needed only to schedule solvers', () => {
  const { THOTH_INVESTIGATOR_SOLVERS: _solvers, ...withoutSolvers } = BASE;
  expect(() => investigatorSettings(withoutSolvers)).toThrow('THOTH_INVESTIGATOR_SOLVERS is not set');
  expect(investigatorSettings({ ...withoutSolvers, THOTH_INVESTIGATOR_SCHEDULE_SOLVER: '0' }).effects!.policy.solvers).toEqual([]);
});

test.each([
  ['THOTH_CONSUMER_MODE', '["metrics", "backend"]', 'a JSON list of, or one of: middletier, backend; or metrics alone'],
  ['THOTH_CONSUMER_MODE', '["middletier"', 'a JSON list of, or one of: middletier, backend; or metrics alone'],
  ['THOTH_CONSUMER_MODE', '[]', 'a JSON list of, or one of: middletier, backend; or metrics alone'],
  ['KAFKA_CONSUMER_ENABLE_AUTO_COMMIT', 'true', 'false or unset: offsets are committed after each effect'],
  ['KAFKA_CONSUMER_AUTO_OFFSET_RESET', 'smallest', 'one of earliest, latest'],
  ['ARGO_PENDING_WORKFLOW_LIMIT', '-1', 'a whole number of at least 1'],
  ['THOTH_INVESTIGATOR_BACKOFF', '0', 'a number above 0'],
  ['THOTH_INVESTIGATOR_SOLVERS', 'rhel8', 'solver names such as solver-rhel-8-py38, one per line (the solvers ConfigMap)'],
])('%s=%s is refused, naming what is allowed', (variable, value, allowed) => {
  expect(() => investigatorSettings({ ...BASE, [variable]: value })).toThrow(new ConfigError(variable, value, allowed));
});

test.each(['THOTH_MIDDLETIER_NAMESPACE', 'THOTH_BACKEND_NAMESPACE', 'KAFKA_CONSUMER_GROUP_ID'])('%s is required', (variable) => {
  expect(() => investigatorSettings({ ...BASE, [variable]: undefined })).toThrow(`${variable} is not set`);
});
