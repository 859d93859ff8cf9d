import { PassThrough } from 'node:stream';
import { investigatorProgram } from './program.js';

/** Runs the program as its entry point would, collecting what it writes and its exit code. */
async function run(args: string[], env: Record<string, string>) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: string[] = [];
  const err: string[] = [];
  stdout.on('data', (chunk) => out.push(String(chunk)));
  stderr.on('data', (chunk) => err.push(String(chunk)));
  let exitCode: number | undefined;
  try {
    await investigatorProgram({ env, stdout, stderr }).exitOverride().parseAsync(['node', 'investigator', ...args]);
    exitCode = Number(process.exitCode ?? 0);
  } catch (error) {
    exitCode = (error as { exitCode?: number }).exitCode ?? -1;
  } finally {
    process.exitCode = undefined;
  }
  return { exitCode, stdout: out.join(''), stderr: err.join('') };
}

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
