import { readFileSync } from 'node:fs';
import { load } from 'js-yaml';

test('the pull-request workflow runs the tests, check, validate against the base branch as annotations and comments the diff', () => {
  const workflow = load(readFileSync('.github/workflows/pull-request.yml', 'utf8')) as {
    on: Record<string, unknown>;
    jobs: Record<string, { steps: { run?: string }[] }>;
  };
  expect(Object.keys(workflow.on)).toEqual(['pull_request']);
  const runs = Object.values(workflow.jobs).flatMap((job) => job.steps.map((step) => step.run ?? ''));
  for (const command of [
    'npm ci',
    'npm test',
    'npx thoth-gitops check --format github',
    'npx thoth-gitops validate --base',
    '--format github',
    'npx thoth-gitops diff --base',
    'GITHUB_STEP_SUMMARY',
    'gh pr comment',
  ]) {
    expect({ command, found: runs.some((run) => run.includes(command)) }).toEqual({ command, found: true });
  }
  // validate flags the updates the API server refuses against the same base the diff comment shows.
  const baseOf = (command: string) =>
    runs.map((run) => new RegExp(`thoth-gitops ${command} --base ("[^"]*"|\\S+)`).exec(run)?.[1]).find((base) => base !== undefined);
  expect(baseOf('validate')).toBe('"origin/${{ github.base_ref }}"');
  expect(baseOf('diff')).toBe(baseOf('validate'));
  // Each reporting step runs even when an earlier one failed.
  const steps = Object.values(workflow.jobs).flatMap((job) => job.steps as { run?: string; if?: string }[]);
  for (const step of steps.filter((candidate) => /thoth-gitops validate|diff --base|gh pr comment/.test(candidate.run ?? '')))
    expect(step.if ?? '').toMatch(/^always\(\)/);
});
