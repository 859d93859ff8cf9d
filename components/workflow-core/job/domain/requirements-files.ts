/**
 * A repository's requirements files as thoth-python v0.16 reads them for storages: Pipfile (TOML)
 * and Pipfile.lock (JSON), or requirements.txt / requirements.in; what a file cannot say is left out
 * with a warning, what it says wrongly is an InstallationFileError.
 */
import { valid } from '@renovatebot/pep440';
import { parse as parseToml, TomlError } from 'smol-toml';
import { InstallationFileError, isRecord } from './thoth-config.js';
import { canonicalName, normalIndexUrl, normalVersion } from '../../../../src/runtime/python/package.js';

/** A direct requirement (python_package_requirement). */
export interface Requirement {
  readonly name: string;
  /** The specifier as thoth-python writes it, `*` for any version. */
  readonly versionRange: string;
  readonly indexUrl: string | undefined;
}

/** A pinned package of a lock file (python_package_version_entity). */
export interface LockedPackage {
  readonly name: string;
  readonly version: string;
  readonly indexUrl: string | undefined;
}

/** What a repository's files say for one environment, and what was left out. */
export interface ParsedFiles {
  readonly requirements: readonly Requirement[];
  /** undefined: there is no lock file (storages then links the stack to its empty lock). */
  readonly lock: readonly LockedPackage[] | undefined;
  readonly warnings: readonly string[];
}

/** thoth-python's Source: no trailing slash, PyPI's old host mapped. */
function indexUrl(url: string): string {
  return normalIndexUrl(url.trim().replace(/\/+$/, ''));
}

/** thoth-python's version converter: a PEP 440 version normalised, anything else (a specifier) kept. */
function versionRange(version: string): string {
  const trimmed = version.trim();
  return trimmed === '*' || valid(trimmed) === null ? trimmed : normalVersion(trimmed);
}

/**
 * Pipfile (TOML) and Pipfile.lock (JSON): their default packages, as storages takes them (it
 * reads `packages` and `default`, never the develop ones). A package not from an index (a VCS
 * checkout, a path, an editable) is left out with a warning, where thoth-python refused the file.
 */
export function parsePipenvFiles(pipfilePath: string, pipfile: string, lockPath: string, lock: string | undefined): ParsedFiles {
  const warnings: string[] = [];
  let parsed: Record<string, unknown>;
  try {
    parsed = parseToml(pipfile) as Record<string, unknown>;
  } catch (error) {
    const where = error instanceof TomlError ? ` (line ${error.line}, column ${error.column})` : '';
    throw new InstallationFileError(pipfilePath, `${(error as Error).message.split('\n')[0]}${where}`);
  }
  const sources = sourcesOf(parsed.source, pipfilePath);
  const requirements = Object.entries(isRecord(parsed.packages) ? parsed.packages : {}).flatMap(([name, entry]): Requirement[] => {
    const version = typeof entry === 'string' ? entry : isRecord(entry) && typeof entry.version === 'string' ? entry.version : undefined;
    if (version === undefined || (isRecord(entry) && ['git', 'hg', 'bzr', 'svn', 'editable', 'path', 'file'].some((key) => key in entry))) {
      warnings.push(`${pipfilePath}: ${name} is not a package from an index (no version, or a checkout or path); left out`);
      return [];
    }
    const index = isRecord(entry) ? entry.index : undefined;
    return [{ name: canonicalName(name), versionRange: versionRange(version), indexUrl: sourceUrl(sources, index, pipfilePath, name) }];
  });
  return { requirements, lock: lock === undefined ? undefined : parsePipfileLock(lockPath, lock, warnings), warnings };
}

function parsePipfileLock(path: string, text: string, warnings: string[]): LockedPackage[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new InstallationFileError(path, `is not JSON: ${(error as Error).message}`);
  }
  if (!isRecord(parsed)) throw new InstallationFileError(path, 'is not a JSON object');
  const sources = sourcesOf(isRecord(parsed._meta) ? parsed._meta.sources : undefined, path);
  return Object.entries(isRecord(parsed.default) ? parsed.default : {}).flatMap(([name, entry]): LockedPackage[] => {
    const pinned = isRecord(entry) && typeof entry.version === 'string' ? /^==([^=].*)$/.exec(entry.version.trim()) : null;
    if (pinned === null) {
      warnings.push(`${path}: ${name} has no ==version (a checkout or path); left out`);
      return [];
    }
    return [
      { name: canonicalName(name), version: normalVersion(pinned[1]!), indexUrl: sourceUrl(sources, (entry as Record<string, unknown>).index, path, name) },
    ];
  });
}

function sourcesOf(value: unknown, path: string): ReadonlyMap<string, string> {
  const sources = new Map<string, string>();
  for (const source of Array.isArray(value) ? value : []) {
    if (!isRecord(source) || typeof source.name !== 'string' || typeof source.url !== 'string') {
      throw new InstallationFileError(path, `a source is not {name, url}: ${JSON.stringify(source)}`);
    }
    sources.set(source.name, indexUrl(source.url));
  }
  return sources;
}

/** A package's index is the source it names; one that names none has none (pipenv does not say). */
function sourceUrl(sources: ReadonlyMap<string, string>, index: unknown, path: string, name: string): string | undefined {
  if (index === undefined) return undefined;
  const url = typeof index === 'string' ? sources.get(index) : undefined;
  if (url === undefined) throw new InstallationFileError(path, `${name} names the index ${JSON.stringify(index)}, which no source declares`);
  return url;
}

const SPECIFIER = /^(~=|===|==|!=|<=|>=|<|>)\s*([A-Za-z0-9_.*+!-]+)$/;
const REQUIREMENT = /^([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(?:\[([^\]]*)\])?\s*(.*)$/;

/**
 * requirements.txt or .in: `name[extras] specifiers ; marker`, `--hash` options, comments and
 * continuations; `-i`/`--index-url`/`--extra-index-url` name the indexes; any other option is left
 * out with a warning. As thoth-python: one index is every package's, several are none's; the file
 * is its own lock when every line pins one version with `==`.
 */
export function parseRequirementsFile(path: string, text: string): ParsedFiles {
  const warnings: string[] = [];
  const indexes: string[] = [];
  const packages: { name: string; versionRange: string; pinned: string | undefined }[] = [];
  logicalLines(text).forEach(([raw, index]) => {
    // pip: a # after whitespace (or at the start) begins a comment.
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (line === '') return;
    const option = /^(-i|--index-url|--extra-index-url)(?:\s*=\s*|\s+)(\S+)$/.exec(line);
    if (option !== null) {
      indexes.push(indexUrl(option[2]!));
      return;
    }
    if (line.startsWith('-')) {
      warnings.push(`${path} line ${index + 1}: ${line.split(/\s/)[0]} is not read; left out`);
      return;
    }
    const [requirement = ''] = line.split(/\s--hash[=\s]/);
    const [spec = '', marker] = requirement.split(';');
    const match = /^[./]|:\/\//.test(spec) ? null : REQUIREMENT.exec(spec.trim());
    const rest = match?.[3]?.replace(/^\((.*)\)$/, '$1').trim() ?? '';
    if (match === null || rest.startsWith('@')) {
      warnings.push(`${path} line ${index + 1}: ${JSON.stringify(line)} is not a package from an index; left out`);
      return;
    }
    const specifiers = rest === '' ? [] : rest.split(',').map((each) => SPECIFIER.exec(each.trim()));
    if (specifiers.some((each) => each === null) || (marker !== undefined && marker.trim() === '')) {
      throw new InstallationFileError(path, `line ${index + 1}: ${JSON.stringify(line)} is not a requirement (name[extras] specifiers ; marker)`);
    }
    const parts = specifiers.map((each) => `${each![1]}${each![2]}`);
    // packaging writes a specifier set sorted, without spaces.
    const range = parts.length === 0 ? '*' : [...parts].sort().join(',');
    const pin = parts.length === 1 && specifiers[0]![1] === '==' && !specifiers[0]![2]!.includes('*') ? specifiers[0]![2] : undefined;
    packages.push({ name: canonicalName(match[1]!), versionRange: versionRange(range), pinned: pin });
  });
  const onlyIndex = indexes.length === 1 ? indexes[0] : undefined;
  const requirements = packages.map((each) => ({ name: each.name, versionRange: each.versionRange, indexUrl: onlyIndex }));
  const locked = packages.length > 0 && packages.every((each) => each.pinned !== undefined);
  const lock = locked ? packages.map((each) => ({ name: each.name, version: normalVersion(each.pinned!), indexUrl: onlyIndex })) : undefined;
  return { requirements, lock, warnings };
}

/** The lines with their continuations (a trailing backslash) joined, each with the index of its first line. */
function logicalLines(text: string): [string, number][] {
  const lines: [string, number][] = [];
  let pending: [string, number] | undefined;
  text.split(/\r?\n/).forEach((line, index) => {
    const joined: [string, number] = pending === undefined ? [line, index] : [`${pending[0]}${line}`, pending[1]];
    pending = undefined;
    if (joined[0].endsWith('\\')) pending = [joined[0].slice(0, -1), joined[1]];
    else lines.push(joined);
  });
  if (pending !== undefined) lines.push(pending);
  return lines;
}
