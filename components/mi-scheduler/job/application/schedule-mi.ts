/**
 * The mi-scheduler use cases: find the repositories to analyse (the configured organisations and
 * repositories, or those with an active Kebechet installation), each checked on GitHub, and submit
 * one workflow per repository (or the one merge).
 *
 * Unlike the reference, which stopped at the first error, a repository (or organisation) GitHub or
 * the API server fails on is reported and the others are still scheduled; the run then fails, so the
 * CronJob shows it. A failure every other repository would meet too (credentials refused, no right
 * to submit, no Workflow CRD) stops the run at once instead of being repeated for each: the adapters
 * report it as a RunWideFailure.
 */
import type { Logger } from '../../../../src/runtime/log.js';
import { RepositorySet, splitRepository } from '../domain/repositories.js';
import type { MiWorkflow } from '../domain/workflows.js';

// Ports.

export interface OrganizationListing {
  /** Its repositories that are not archived, owner/name as GitHub spells them. */
  readonly repositories: readonly string[];
  readonly archived: readonly string[];
}

export interface RepositoryHost {
  /** undefined: GitHub knows no such organisation (or the credentials cannot see it). */
  organization(name: string): Promise<OrganizationListing | undefined>;
  /** undefined: GitHub knows no such repository (or the credentials cannot see it). */
  repository(owner: string, name: string): Promise<{ readonly fullName: string; readonly archived: boolean } | undefined>;
}

export interface KebechetInstallations {
  /** The repositories (owner/name) of every active Kebechet installation, as stored. */
  activeRepositories(): Promise<string[]>;
}

export type SubmissionOutcome = 'created' | 'already-exists';

export interface WorkflowSubmissions {
  /** Submits the workflow under the name its request makes; one of that name already there is `already-exists`. */
  submit(workflow: MiWorkflow): Promise<{ readonly outcome: SubmissionOutcome; readonly name: string }>;
}

/** A failure that is not one repository's: every other call would meet it too, so the run stops. */
export class RunWideFailure extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'RunWideFailure';
  }
}

// Outcomes.

export type SkipReason = 'archived' | 'unknown repository' | 'unknown organisation' | 'not a repository name';

export interface Skipped {
  readonly name: string;
  readonly reason: SkipReason;
}

export interface Failed {
  /** The organisation, the repository, or the workflow, that failed. */
  readonly target: string;
  readonly error: string;
}

export interface Selection {
  /** The repositories to analyse, each once, in the order found. */
  readonly repositories: readonly string[];
  readonly skipped: readonly Skipped[];
  readonly failed: readonly Failed[];
}

export interface Submitted {
  readonly created: number;
  readonly alreadySubmitted: number;
  readonly failed: readonly Failed[];
}

/** What a run did: the command logs it, pushes it as metrics, and fails when `failed` is not empty. */
export interface RunSummary {
  readonly repositories: number;
  readonly skipped: number;
  readonly created: number;
  readonly alreadySubmitted: number;
  readonly failed: readonly Failed[];
}

/** The run did what it could, and some of it failed: one line, its exit code 1. */
export class SomeFailed extends Error {
  constructor(readonly failed: readonly Failed[]) {
    const shown = failed.slice(0, 10).map((failure) => failure.target);
    super(`${failed.length} failed (${shown.join(', ')}${failed.length > shown.length ? ', ...' : ''}); everything else was scheduled`);
    this.name = 'SomeFailed';
  }
}

type Log = Pick<Logger, 'info' | 'warn' | 'error'>;

interface Context {
  readonly log: Log;
  readonly signal?: AbortSignal;
}

/** An error of one item: recorded, unless it stops the run (a RunWideFailure, or the program stopping). */
function failure(target: string, error: unknown, context: Context): Failed {
  context.signal?.throwIfAborted();
  if (error instanceof RunWideFailure) throw error;
  const failed = { target, error: error instanceof Error ? error.message : String(error) };
  context.log.error(failed, 'failed; going on with the others');
  return failed;
}

/**
 * gh-analysis: every repository of the organisations that is not archived, then each listed
 * repository GitHub knows and has not archived (those of an organisation already listed are not
 * asked again).
 */
export async function configuredRepositories(
  host: RepositoryHost,
  configured: { readonly organizations: readonly string[]; readonly repositories: readonly string[] },
  context: Context,
): Promise<Selection> {
  const found = new RepositorySet();
  const archived = new RepositorySet();
  const skipped: Skipped[] = [];
  const failed: Failed[] = [];
  for (const organization of configured.organizations) {
    context.signal?.throwIfAborted();
    let listing: OrganizationListing | undefined;
    try {
      listing = await host.organization(organization);
    } catch (error) {
      failed.push(failure(organization, error, context));
      continue;
    }
    if (listing === undefined) {
      skipped.push(skip(organization, 'unknown organisation', context));
      continue;
    }
    for (const repository of listing.repositories) found.add(repository);
    for (const repository of listing.archived) if (archived.add(repository)) skipped.push(skip(repository, 'archived', context));
    context.log.info({ organization, repositories: listing.repositories.length, archived: listing.archived.length }, 'organisation listed');
  }
  const listed = configured.repositories.filter((repository) => !found.has(repository) && !archived.has(repository));
  const checked = await checkedRepositories(host, listed, found, context);
  return { repositories: found.values(), skipped: [...skipped, ...checked.skipped], failed: [...failed, ...checked.failed] };
}

/** kebechet-analysis: the repositories of the active Kebechet installations, each checked on GitHub. */
export async function kebechetRepositories(installations: KebechetInstallations, host: RepositoryHost, context: Context): Promise<Selection> {
  const slugs = await installations.activeRepositories();
  context.log.info({ installations: slugs.length }, 'active Kebechet installations read');
  const found = new RepositorySet();
  const checked = await checkedRepositories(host, slugs, found, context);
  return { repositories: found.values(), ...checked };
}

/** Adds to `found` each repository GitHub knows and has not archived, by GitHub's spelling (a renamed one by its new name). */
async function checkedRepositories(
  host: RepositoryHost,
  names: readonly string[],
  found: RepositorySet,
  context: Context,
): Promise<{ skipped: Skipped[]; failed: Failed[] }> {
  const skipped: Skipped[] = [];
  const failed: Failed[] = [];
  const asked = new RepositorySet();
  for (const fullName of names) {
    if (!asked.add(fullName)) continue;
    context.signal?.throwIfAborted();
    const parts = splitRepository(fullName);
    if (parts === undefined) {
      skipped.push(skip(fullName, 'not a repository name', context));
      continue;
    }
    let repository: Awaited<ReturnType<RepositoryHost['repository']>>;
    try {
      repository = await host.repository(parts.owner, parts.name);
    } catch (error) {
      failed.push(failure(fullName, error, context));
      continue;
    }
    if (repository === undefined) skipped.push(skip(fullName, 'unknown repository', context));
    else if (repository.archived) skipped.push(skip(repository.fullName, 'archived', context));
    else found.add(repository.fullName);
  }
  return { skipped, failed };
}

function skip(name: string, reason: SkipReason, context: Context): Skipped {
  context.log.warn({ name, reason }, 'skipped');
  return { name, reason };
}

/** Submits each workflow; one that fails is reported and the others are still submitted. */
export async function submitWorkflows(submissions: WorkflowSubmissions, workflows: readonly MiWorkflow[], context: Context): Promise<Submitted> {
  let created = 0;
  let alreadySubmitted = 0;
  const failed: Failed[] = [];
  for (const workflow of workflows) {
    context.signal?.throwIfAborted();
    const target = workflow.repository ?? workflow.entry;
    try {
      const { outcome, name } = await submissions.submit(workflow);
      if (outcome === 'created') created++;
      else alreadySubmitted++;
      context.log.info({ target, workflow: name, outcome }, outcome === 'created' ? 'workflow submitted' : 'workflow already submitted');
    } catch (error) {
      failed.push(failure(target, error, context));
    }
  }
  return { created, alreadySubmitted, failed };
}

/** The analyses of a selection, submitted: what the run did, its failures of either step together. */
export async function scheduleAnalyses(
  submissions: WorkflowSubmissions,
  selection: Selection,
  analysis: (repository: string) => MiWorkflow,
  context: Context,
): Promise<RunSummary> {
  const submitted = await submitWorkflows(submissions, selection.repositories.map(analysis), context);
  return {
    repositories: selection.repositories.length,
    skipped: selection.skipped.length,
    created: submitted.created,
    alreadySubmitted: submitted.alreadySubmitted,
    failed: [...selection.failed, ...submitted.failed],
  };
}
