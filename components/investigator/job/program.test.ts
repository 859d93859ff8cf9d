import { runInProcess } from '../../../test/services/job-programs.js';
import { investigatorProgram } from './program.js';

const run = (args: string[], env: Record<string, string>) => runInProcess(investigatorProgram, 'investigator', args, env);

test('--help lists every variable the investigator reads', async () => {
  const { exitCode, stdout } = await run(['--help'], {});
  expect(exitCode).toBe(0);
  for (const variable of ['THOTH_CONSUMER_MODE', 'KAFKA_CONSUMER_GROUP_ID', 'THOTH_INVESTIGATOR_SOLVERS', 'ARGO_PENDING_WORKFLOW_LIMIT', 'KUBERNETES_API_URL', 'KNOWLEDGE_GRAPH_HOST', 'THOTH_INVESTIGATOR_METRICS_PORT']) {
    expect(stdout).toContain(variable);
  }
});

test('a bad setting is one line naming the variable, exit 1, before it connects or listens', async () => {
  const { exitCode, stderr, stdout } = await run([], { THOTH_CONSUMER_MODE: 'frontend' });
  expect(exitCode).toBe(1);
  expect(stderr).toBe('investigator: THOTH_CONSUMER_MODE="frontend" is invalid; expected a JSON list of, or one of: middletier, backend; or metrics alone\n');
  expect(stdout).toBe('');
});
