/**
 * The packages an adviser or a provenance checker could not find, read from their documents
 * (thoth-jobs.md §11): each becomes an unresolved-package message, which makes the investigator
 * schedule the solvers that will let the next run find it.
 */
import { canonicalName } from '../../../../src/runtime/python/package.js';
import { DocumentReader } from './document.js';

/** A package to solve: the version as the project asked for it (a specifier, `*`, or a pin). */
export interface UnresolvedPackage {
  readonly name: string;
  readonly version: string | undefined;
  readonly indexUrl: string;
}

export interface AdviserUnresolved {
  /** The solver of the project's runtime environment; none: every solver (the investigator's rule). */
  readonly solver: string | undefined;
  readonly packages: readonly UnresolvedPackage[];
  /** Unresolved names the task cannot ask for, and why (not a Pipfile requirement, not from an index). */
  readonly skipped: readonly { readonly name: string; readonly reason: string }[];
}

/** Pipenv's index when a Pipfile names none. */
const PYPI = 'https://pypi.org/simple';

/**
 * From an adviser document: the direct dependencies it could not resolve
 * (`result.report._ERROR_DETAILS.unresolved`, thoth-station/adviser v0.56.3 exceptions.py), each
 * with its Pipfile specifier and index. The reference passed the index as thoth-python's Source
 * object, which the message's StrictStr refused, so any unresolved package crashed the task; it
 * also compared names as written (docs/quirks.md Q50).
 */
export function readAdviserUnresolved(file: string, document: unknown): AdviserUnresolved {
  const read = new DocumentReader(file);
  const result = read.object('result', read.object('(document)', document).result);
  const report =
    result.report === null || result.report === undefined || Array.isArray(result.report) ? undefined : read.object('result.report', result.report);
  const details = read.optionalObject('result.report._ERROR_DETAILS', report?._ERROR_DETAILS);
  const unresolved = details === undefined ? [] : read.list('result.report._ERROR_DETAILS.unresolved', details.unresolved);
  if (unresolved.length === 0) return { solver: undefined, packages: [], skipped: [] };
  const project = read.object('result.parameters.project', read.object('result.parameters', result.parameters).project);
  const requirements = read.object('result.parameters.project.requirements', project.requirements);
  const entries = pipfileEntries(read, requirements);
  const packages: UnresolvedPackage[] = [];
  const skipped: { name: string; reason: string }[] = [];
  unresolved.forEach((value, index) => {
    const name = read.string(`result.report._ERROR_DETAILS.unresolved[${index}]`, value);
    const entry = entries.get(canonicalName(name));
    if (entry === undefined) skipped.push({ name, reason: 'not a requirement of the Pipfile' });
    else if ('reason' in entry) skipped.push({ name, reason: entry.reason });
    else packages.push(entry);
  });
  return { solver: solverOf(read.optionalObject('result.parameters.project.runtime_environment', project.runtime_environment)), packages, skipped };
}

type PipfileEntry = UnresolvedPackage | { readonly reason: string };

/** The Pipfile's requirements by canonical name; a development one wins over a default one, as in the reference. */
function pipfileEntries(read: DocumentReader, requirements: Readonly<Record<string, unknown>>): Map<string, PipfileEntry> {
  const at = 'result.parameters.project.requirements';
  const sources = new Map<string, string>();
  const listed = requirements.source === undefined ? [] : read.list(`${at}.source`, requirements.source);
  listed.forEach((value, index) => {
    const source = read.object(`${at}.source[${index}]`, value);
    sources.set(read.string(`${at}.source[${index}].name`, source.name), read.string(`${at}.source[${index}].url`, source.url));
  });
  const defaultIndex = sources.values().next().value ?? PYPI;
  const entries = new Map<string, PipfileEntry>();
  for (const section of ['packages', 'dev-packages']) {
    const packages = read.optionalObject(`${at}.${section}`, requirements[section]) ?? {};
    for (const [name, value] of Object.entries(packages)) {
      entries.set(canonicalName(name), pipfileEntry(read, `${at}.${section}.${name}`, name, value, sources, defaultIndex));
    }
  }
  return entries;
}

function pipfileEntry(read: DocumentReader, at: string, name: string, value: unknown, sources: Map<string, string>, defaultIndex: string): PipfileEntry {
  if (typeof value === 'string') return { name, version: value, indexUrl: defaultIndex };
  const entry = read.object(at, value);
  if (['git', 'hg', 'bzr', 'svn', 'path', 'file', 'editable'].some((key) => key in entry))
    return { reason: 'installed from a repository or a path, not an index' };
  const version = read.optionalString(`${at}.version`, entry.version);
  const indexName = read.optionalString(`${at}.index`, entry.index);
  if (indexName === undefined) return { name, version, indexUrl: defaultIndex };
  const indexUrl = sources.get(indexName);
  if (indexUrl === undefined) read.fail(`${at}.index`, `is ${JSON.stringify(indexName)}, which no source of the Pipfile is named`);
  return { name, version, indexUrl };
}

/**
 * The solver of a runtime environment, named as the solvers are: `solver-<os>-<version>-py<python>`
 * (thoth-common v0.36.6 openshift.py obtain_solver_from_runtime_environment). Unlike the reference,
 * `ubi` is `rhel` (as the graph and the solvers name it), and an environment without a Python
 * version asks every solver instead of crashing on a name without one.
 */
export function solverOf(runtimeEnvironment: Readonly<Record<string, unknown>> | undefined): string | undefined {
  const system = runtimeEnvironment?.operating_system;
  if (system === null || typeof system !== 'object') return undefined;
  const { name, version } = system as Record<string, unknown>;
  const python = runtimeEnvironment?.python_version;
  if (typeof name !== 'string' || name === '' || typeof version !== 'string' || version === '' || typeof python !== 'string' || python === '') return undefined;
  const lower = name.toLowerCase();
  const os = lower === 'ubi' ? 'rhel' : lower;
  const osVersion = os === 'rhel' ? version.split('.')[0]! : version;
  // A solver is per Python major and minor version: 3.8.10 runs on solver-…-py38.
  const [major, minor] = python.split('.');
  return minor === undefined ? undefined : `solver-${os}-${osVersion}-py${major}${minor}`;
}

/**
 * From a provenance checker's document: each locked package its index does not have
 * (`result.report[]` entries with id MISSING-PACKAGE, thoth-station/python v0.17.0 project.py).
 * Entries without an id (the report of a failed check) are not findings; the reference read
 * `package["id"]` and crashed on them (docs/quirks.md Q50).
 */
export function readProvenanceUnresolved(file: string, document: unknown): UnresolvedPackage[] {
  const read = new DocumentReader(file);
  const result = read.object('result', read.object('(document)', document).result);
  const report = result.report === null || result.report === undefined ? [] : read.list('result.report', result.report);
  return report.flatMap((value, index) => {
    const at = `result.report[${index}]`;
    const entry = read.object(at, value);
    if (entry.id !== 'MISSING-PACKAGE') return [];
    return [
      {
        name: read.string(`${at}.package_name`, entry.package_name),
        // Locked versions are pins (`==1.0.0`); the message carries the version alone.
        version: read.string(`${at}.package_version`, entry.package_version).replace(/^===?/, ''),
        indexUrl: read.string(`${at}.source.url`, read.object(`${at}.source`, entry.source).url),
      },
    ];
  });
}
