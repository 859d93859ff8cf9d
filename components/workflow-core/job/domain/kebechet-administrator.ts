/**
 * kebechet-administrator (thoth-jobs.md §11; thoth-station/workflow-helpers v0.9.16
 * kebechet_administrator.py): a package event becomes one kebechet-run-url-trigger per public
 * repository with Kebechet whose locked stack the event concerns. Which repositories, and the message
 * each gets, decided here from what the caller read. What the reference did wrong, and what is done
 * instead: docs/quirks.md Q51.
 */
import { lt, valid } from '@renovatebot/pep440';
import type { MessageValue } from '../../../../src/messages/fields.js';
import type { KEBECHET_ADMINISTRATOR_CAUSES } from '../contract.js';

/** The component the messages are sent in the name of, and the metrics' `thoth_kebechet_administrator_…`. */
export const KEBECHET_ADMINISTRATOR_COMPONENT = 'kebechet-administrator';

/** The package events the task answers, by their catalogue name. */
export type KebechetCause = (typeof KEBECHET_ADMINISTRATOR_CAUSES)[number];

/** thoth-common v0.36.6 thoth/common/enums.py InternalTriggerEnum: Kebechet picks its pull request's text by it. */
export const INTERNAL_TRIGGER = { CVE: 1, HASH_MISMATCH: 2, MISSING_PACKAGE: 3, MISSING_VERSION: 4, NEW_RELEASE: 5 } as const;

/**
 * The justification of each cause. The reference's mapping had no solved-package (a KeyError as soon
 * as one repository matched) and listed cve-provided twice, first as NEW_RELEASE.
 */
export const JUSTIFICATIONS: Readonly<Record<KebechetCause, number>> = {
  'solved-package': INTERNAL_TRIGGER.NEW_RELEASE,
  'cve-provided': INTERNAL_TRIGGER.CVE,
  'hash-mismatch': INTERNAL_TRIGGER.HASH_MISMATCH,
  'missing-package': INTERNAL_TRIGGER.MISSING_PACKAGE,
  'missing-version': INTERNAL_TRIGGER.MISSING_VERSION,
};

/** The runtime environment a solver resolves for, as the knowledge graph stores a repository's. */
export interface SolverEnvironment {
  readonly osName: string;
  readonly osVersion: string;
  readonly pythonVersion: string;
}

/**
 * `solver-<os>-<os version>-py<XY…>` as thoth-common v0.36.6 reads it (openshift.py
 * parse_python_solver_name, then helpers.py map_os_name and normalize_os_version, as storages applies
 * them before querying): `ubi` is `rhel`, a rhel version keeps its major part only, `py310` is
 * `3.10`. Undefined for a name of another form, and for a one-digit Python (`py3` would be `3.`).
 */
export function solverEnvironment(solverName: string): SolverEnvironment | undefined {
  const match = /^solver-([^-]+)-([^-]+)-py([0-9])([0-9]+)$/.exec(solverName);
  if (match === null) return undefined;
  const [, os, version, major, minor] = match as unknown as [string, string, string, string, string];
  const osName = os === 'ubi' ? 'rhel' : os;
  return { osName, osVersion: osName.toLowerCase() === 'rhel' ? version.split('.')[0]! : version, pythonVersion: `${major}.${minor}` };
}

/** What happened to a package, as the investigator passed it, names normalised (thoth-jobs.md §0.2). */
export interface PackageEvent {
  readonly cause: KebechetCause;
  readonly name: string;
  /** Undefined: every version of the package (missing-package carries none). */
  readonly version?: string;
  readonly indexUrl: string;
  /** solved-package: the environment the solver resolved it for; only repositories running it are concerned. */
  readonly environment?: SolverEnvironment;
}

/** What the knowledge graph is asked: the installations whose locked stack holds this package. */
export interface LockQuery {
  readonly name: string;
  /** Undefined: any locked version. */
  readonly version?: string;
  readonly indexUrl: string;
  /** Undefined: any environment. */
  readonly environment?: SolverEnvironment;
}

/**
 * The question an event asks. A new release concerns stacks on an older version, so every locked
 * version is read and compared here; a problem with a version concerns the stacks locking it, or
 * any version when the event names none.
 */
export function lockQuery(event: PackageEvent): LockQuery {
  const { name, indexUrl } = event;
  if (event.cause === 'solved-package') return { name, indexUrl, ...(event.environment === undefined ? {} : { environment: event.environment }) };
  return { name, indexUrl, ...(event.version === undefined ? {} : { version: event.version }) };
}

/** One locked row: an active installation and the version of the package its lock file pins. */
export interface LockedPackage {
  readonly slug: string;
  readonly installationId: string;
  readonly isPrivate: boolean;
  /** As stored (PEP 440 normal form); null for an entity without a version. */
  readonly lockedVersion: string | null;
}

/** A repository to trigger Kebechet on. */
export interface TriggeredRepository {
  readonly slug: string;
  readonly installationId: string;
}

export interface RepositorySelection {
  /** By slug, each repository once. */
  readonly triggered: readonly TriggeredRepository[];
  /** How many repositories the event concerns that are private (the reference skipped them too). */
  readonly privateSkipped: number;
  /** Locked versions a solved release could not be ordered against (not PEP 440), for the log. */
  readonly incomparable: readonly string[];
}

/**
 * The repositories to trigger, decided over all the locked rows of each (the reference's
 * _group_by_slug kept one arbitrary row per repository): one qualifying row is enough. A repository
 * any of whose installations is private is skipped. The installation id is the qualifying rows'
 * smallest, so that the choice does not depend on the order the rows came in.
 */
export function selectRepositories(event: PackageEvent, rows: readonly LockedPackage[]): RepositorySelection {
  const bySlug = new Map<string, LockedPackage[]>();
  for (const row of rows) bySlug.set(row.slug, [...(bySlug.get(row.slug) ?? []), row]);
  const triggered: TriggeredRepository[] = [];
  const incomparable = new Set<string>();
  let privateSkipped = 0;
  for (const slug of [...bySlug.keys()].sort()) {
    const locked = bySlug.get(slug)!;
    const qualifying = locked.filter((row) => {
      const verdict = concerns(event, row.lockedVersion);
      if (verdict === 'incomparable') incomparable.add(row.lockedVersion ?? '(none)');
      return verdict === true;
    });
    if (qualifying.length === 0) continue;
    if (locked.some((row) => row.isPrivate)) {
      privateSkipped += 1;
      continue;
    }
    triggered.push({ slug, installationId: qualifying.map((row) => row.installationId).sort()[0]! });
  }
  return { triggered, privateSkipped, incomparable: [...incomparable].sort() };
}

/**
 * Whether the event concerns a stack locking `locked`. A new release is news only to stacks on an
 * older version, by PEP 440: the reference called semver.compare(locked, solved) and went on only
 * when they were equal (and semver raised on most Python versions, `2.0`, `1.0rc1`).
 */
function concerns(event: PackageEvent, locked: string | null): boolean | 'incomparable' {
  if (event.cause !== 'solved-package') return event.version === undefined || locked === event.version;
  if (locked === null || valid(locked) === null || event.version === undefined || valid(event.version) === null) return 'incomparable';
  return lt(locked, event.version);
}

/** The message that makes Kebechet run on a repository (kebechet-run-url-trigger v2). */
export function runUrlTrigger(
  event: PackageEvent,
  repository: TriggeredRepository,
  sender: { readonly componentName: string; readonly serviceVersion: string },
): MessageValue<'kebechet-run-url-trigger'> {
  return {
    component_name: sender.componentName,
    service_version: sender.serviceVersion,
    version: 'v2',
    url: `https://github.com/${repository.slug}`,
    service_name: 'github',
    installation_id: repository.installationId,
    metadata: {
      message_justification: JUSTIFICATIONS[event.cause],
      package_name: event.name,
      package_version: event.version ?? null,
      package_index: event.indexUrl,
    },
  };
}
