/**
 * create-purge-issues: one issue in each repository with Kebechet that runs the purged environment,
 * unless one is open already (the reference opened another on every run, and on a retried step).
 * One repository's failure does not stop the others; each is reported.
 */
import { type GitHub, openIssueOnce } from '../../../../src/runtime/github/client.js';
import type { Logger } from '../../../../src/runtime/log.js';
import { purgeIssueBody, purgeIssueTitle, remainingRuntimes, type SoftwareEnvironment, storedEnvironment } from '../domain/purge-issues.js';
import type { PurgeGraph } from './ports.js';

export interface PurgeIssues {
  /** Repositories to tell. */
  readonly total: number;
  readonly opened: number;
  readonly alreadyOpen: number;
  readonly failed: readonly { readonly slug: string; readonly reason: string }[];
}

export async function createPurgeIssues(
  purged: SoftwareEnvironment,
  ports: { readonly graph: PurgeGraph; readonly github: GitHub },
  log: Logger,
): Promise<PurgeIssues> {
  const environment = storedEnvironment(purged);
  const installations = await ports.graph.installationsIn(environment);
  const issue = {
    title: purgeIssueTitle(purged),
    body: purgeIssueBody(purged, remainingRuntimes(await ports.graph.solverEnvironments(), environment)),
    labels: ['bot'],
  };
  let opened = 0;
  let alreadyOpen = 0;
  const failed: { slug: string; reason: string }[] = [];
  for (const { slug, repoName } of installations) {
    const owner = slug.split('/')[0]!;
    try {
      const outcome = await openIssueOnce(ports.github, owner, repoName, issue);
      if (outcome.outcome === 'opened') opened++;
      else alreadyOpen++;
      log.info({ slug, issue: outcome.issue.number, outcome: outcome.outcome }, 'purge issue');
    } catch (error) {
      failed.push({ slug, reason: (error as Error).message });
      log.error({ slug, err: error }, 'could not open the purge issue');
    }
  }
  return { total: installations.length, opened, alreadyOpen, failed };
}
