/** What the tasks need of the world, as the adapters (../infrastructure/) provide it. */
import type { PackageVersion } from '../../../../src/runtime/python/package.js';
import type { MessageTypeName } from '../../../../src/messages/catalogue.js';
import type { WaitingRun } from '../domain/adviser-re-run.js';
import type { PurgedInstallation, SoftwareEnvironment } from '../domain/purge-issues.js';
import type { LockedPackage, LockQuery } from '../domain/kebechet-administrator.js';

/** The knowledge graph, as parse-solver-output reads it. */
export interface AdviserRunGraph {
  /** Kebechet adviser runs waiting for unresolved packages that have no re-run yet. */
  waitingKebechetRuns(): Promise<WaitingRun[]>;
  /** Whether any solver has resolved the package version (a version row exists). */
  isSolved(pkg: PackageVersion): Promise<boolean>;
}

/** The knowledge graph, as kebechet-administrator reads it. */
export interface KebechetInstallations {
  /**
   * The active Kebechet installations whose locked stack holds the package from its index (or from
   * no index), of the query's version and in its environment when it names them: one row per
   * installation and locked version, ordered by slug.
   */
  lockingPackage(query: LockQuery): Promise<LockedPackage[]>;
}

/** The adviser request documents the user API stores (S3 `adviser/<id>.request`). */
export interface AdviserRequests {
  get(adviserId: string): Promise<Readonly<Record<string, unknown>> | undefined>;
  put(adviserId: string, request: Readonly<Record<string, unknown>>): Promise<void>;
}

/** Where send-messages records a file it sent, so a retried step does not send it again. */
export interface SentLedger {
  wasSent(key: string): Promise<boolean>;
  markSent(key: string, record: Readonly<Record<string, unknown>>): Promise<void>;
}

/**
 * The broker: resolves once every message of the call is acknowledged by all in-sync replicas. The
 * runtime's MessageProducer is one as it is.
 */
export interface MessagePublisher {
  send(type: MessageTypeName, contents: readonly Readonly<Record<string, unknown>>[]): Promise<void>;
}

/** What became of a webhook's calls. */
export type WebhookOutcome = { readonly delivered: true; readonly status: number } | { readonly delivered: false; readonly reason: string };

/** Calls a client's webhook, trying again on failures that may pass. */
export interface WebhookCaller {
  call(url: URL, body: string, authorization: string | undefined): Promise<WebhookOutcome>;
}

/** The Secrets the user API keeps callbacks in. */
export interface CallbackSecrets {
  /** Deletes it; an absent Secret (deleted already, or never made) is no error. */
  delete(namespace: string, name: string): Promise<'deleted' | 'absent'>;
}

/** The knowledge graph, as create-purge-issues reads it. */
export interface PurgeGraph {
  /** Active Kebechet installations whose runtime environment is `environment` (as the graph stores it). */
  installationsIn(environment: SoftwareEnvironment): Promise<PurgedInstallation[]>;
  /** The environments the solvers resolve for. */
  solverEnvironments(): Promise<SoftwareEnvironment[]>;
}
