import { runInProcess } from '../../../test/services/job-programs.js';
import { investigatorProgram } from './program.js';

const run = (args: string[], env: Record<string, string>) => runInProcess(investigatorProgram, 'investigator', args, env);

test('--help lists every variable the investigator reads', async () => {
  const { exitCode, stdout } = await run(['--help'], {});
  expect(exitCode).toBe(0);
  for (const variable of [
    'THOTH_CONSUMER_MODE',
    'KAFKA_CONSUMER_GROUP_ID',
    'THOTH_INVESTIGATOR_SOLVERS',
    'ARGO_PENDING_WORKFLOW_LIMIT',
    'KUBERNETES_API_URL',
    'KNOWLEDGE_GRAPH_HOST',
    'THOTH_INVESTIGATOR_METRICS_PORT',
  ]) {
    expect(stdout).toContain(variable);
  }
});

test('a bad setting is one line naming the variable, exit 1, before it connects or listens', async () => {
  const { exitCode, stderr, stdout } = await run([], { THOTH_CONSUMER_MODE: 'frontend' });
  expect(exitCode).toBe(1);
  expect(stderr).toBe('investigator: THOTH_CONSUMER_MODE="frontend" is invalid; expected a JSON list of, or one of: middletier, backend; or metrics alone\n');
  expect(stdout).toBe('');
});

test('replay: its options and what it reads in --help; a bad option is exit 1 naming what is allowed', async () => {
  const help = await run(['replay', '--help'], {});
  expect(help.exitCode).toBe(0);
  for (const text of [
    '--reason <reason>',
    '--type <type>',
    '--since <time>',
    '--until <time>',
    '--dry-run',
    'KAFKA_BOOTSTRAP_SERVERS',
    'THOTH_DEPLOYMENT_NAME',
  ])
    expect(help.stdout).toContain(text);
  const bad = await run(['replay', '--reason', 'handler-faild'], {});
  expect(bad.exitCode).toBe(1);
  expect(bad.stderr).toMatch(
    /option '--reason <reason>' argument 'handler-faild' is invalid\. Allowed choices are not-json, too-large, too-deep, unknown-topic, unknown-version, invalid-message, handler-failed, timeout/,
  );
  const unset = await run(['replay', '--dry-run'], {});
  expect(unset.exitCode).toBe(1);
  expect(unset.stderr).toMatch(/^investigator: KAFKA_BOOTSTRAP_SERVERS/);
});
