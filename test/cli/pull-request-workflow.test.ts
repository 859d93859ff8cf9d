import { readFileSync } from 'node:fs';
import { load } from 'js-yaml';

test('the pull-request workflow runs the tests, check, validate as annotations and comments the diff', () => {
  const workflow = load(readFileSync('.github/workflows/pull-request.yml', 'utf8')) as { on: Record<string, unknown>; jobs: Record<string, { steps: { run?: string }[] }> };
  expect(Object.keys(workflow.on)).toEqual(['pull_request']);
  const runs = Object.values(workflow.jobs).flatMap((job) => job.steps.map((step) => step.run ?? ''));
  for (const command of ['npm ci', 'npm test', 'npx thoth-gitops check --format github', 'npx thoth-gitops validate --format github', 'npx thoth-gitops diff --base', 'GITHUB_STEP_SUMMARY', 'gh pr comment']) {
    expect({ command, found: runs.some((run) => run.includes(command)) }).toEqual({ command, found: true });
  }
  // Each reporting step runs even when an earlier one failed.
  const steps = Object.values(workflow.jobs).flatMap((job) => job.steps as { run?: string; if?: string }[]);
  for (const step of steps.filter((candidate) => /validate --format github|diff --base|gh pr comment/.test(candidate.run ?? ''))) expect(step.if ?? '').toMatch(/^always\(\)/);
});
