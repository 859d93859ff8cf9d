/** Rendered trees for diff tests, built from objects, and git for the temporary repositories they are committed to. */
import { execFileSync } from 'node:child_process';
import { dump } from 'js-yaml';

export type Body = Record<string, unknown>;

export const cronJob = (name: string, schedule: string, namespace = 'thoth-frontend-prod'): Body => ({
  apiVersion: 'batch/v1',
  kind: 'CronJob',
  metadata: { name, namespace, labels: { 'app.kubernetes.io/name': name } },
  spec: {
    schedule,
    jobTemplate: {
      spec: {
        template: {
          spec: {
            containers: [
              {
                name: 'main',
                image: 'quay.io/thoth-station/job:1',
                env: [
                  { name: 'LOG', value: 'INFO' },
                  { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'postgresql', key: 'database-password' } } },
                ],
              },
            ],
          },
        },
      },
    },
  },
});

/** The object's file under generated/, named as synth names it. */
export const fileOf = (env: string, application: string, body: Body) => {
  const metadata = body.metadata as { name: string; namespace?: string };
  return `${env}/${application}/${String(body.kind).toLowerCase()}_${metadata.namespace ?? ''}_${metadata.name}.yaml`;
};

/** A tree as sources.ts reads it: file under generated/ → YAML. */
export const tree = (...objects: [string, string, Body][]) => new Map(objects.map(([env, application, body]) => [fileOf(env, application, body), dump(body)]));

/** git in `cwd`, with an author, whatever the machine's configuration. */
export const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, GIT_AUTHOR_NAME: 'test', GIT_AUTHOR_EMAIL: 'test@example.com', GIT_COMMITTER_NAME: 'test', GIT_COMMITTER_EMAIL: 'test@example.com' },
  });
