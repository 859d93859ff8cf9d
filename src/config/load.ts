/**
 * Reads environment files: YAML syntax, the schema, then the rules across keys. Every problem of
 * every file is collected and thrown together as one ProblemsError (exit code 1).
 */
import { createReadStream } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { ProblemsError, UserError, type Problem } from '../errors.js';
import { NON_ENVIRONMENT_DIRS } from '../synth/files.js';
import type { LoadedEnvironment, Platform, Platforms } from '../synth/platform.js';
import { ENVIRONMENTS_DIR, GENERATED_DIR } from '../synth/paths.js';
import { alertOverrideProblems } from './alert-overrides.js';
import { type ClaimingEnvironment, claimProblems } from './claims.js';
import { crossFieldProblems } from './rules.js';
import type { ComponentEntry } from './components.js';
import { compileEnvironmentValidator, type EnvironmentValidator } from './environment-validator.js';
import type { PlatformEnvironment, PlatformEnvironmentSpec } from './schema.js';
import { schemaProblems, suggest } from './schema-problems.js';
import { MAX_FILE_BYTES } from './yaml-limits.js';
import { parseYaml, SourceText, type YamlSource } from './yaml-source.js';

// At most 30 characters: names and labels built from it (`<component>-<env>`) stay within 63.
const ENVIRONMENT_NAME = /^[a-z0-9]([-a-z0-9]{0,28}[a-z0-9])?$/;

/**
 * What an environment file is checked against: the platform's schema (its tiers, its own keys, its
 * components), its rules across keys and its alerts. `E` is the environment type its schema proves.
 */
export type EnvironmentRules<E extends PlatformEnvironment = PlatformEnvironment> = Pick<
  Platform<E>,
  'name' | 'components' | 'tiers' | 'environmentProperties' | 'environmentProblems' | 'reservedNamespaces' | 'alerts' | 'environmentValidator'
>;

const validators = new WeakMap<Readonly<Record<string, ComponentEntry>>, EnvironmentValidator>();

/** The platform's generated validator, or one compiled on first use per platform (its catalogue is its key). */
function validateSpec(platform: EnvironmentRules<PlatformEnvironment>): EnvironmentValidator {
  if (platform.environmentValidator !== undefined) return platform.environmentValidator;
  let validator = validators.get(platform.components);
  if (validator === undefined) {
    validator = compileEnvironmentValidator(platform);
    validators.set(platform.components, validator);
  }
  return validator;
}

/** An environment file's YAML, read: its source (for positions) and its value, a mapping. */
interface ReadFile {
  readonly source: YamlSource;
  readonly value: Readonly<Record<string, unknown>>;
}

function fail(problems: Problem[]): never {
  throw new ProblemsError(sortProblems(problems));
}

/** The file's YAML as a mapping, or its problems. */
function readFile(file: string, text: string): ReadFile {
  const sourceText = new SourceText(file, text);
  const source = parseYaml(sourceText);
  if (Array.isArray(source)) return fail(source);
  if (text.replace(/#.*$/gm, '').trim() === '') {
    fail([sourceText.problemAt(0, [], 'the file is empty; an environment file is a mapping with keys such as platform, description, namespaces and argocd')]);
  }
  const parsed = source.toValue();
  if ('problem' in parsed) return fail([parsed.problem]);
  const value = parsed.value;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    fail([source.problemFor([], 'an environment file is a mapping of keys to values, not a single value or a list')]);
  }
  return { source, value: value as Readonly<Record<string, unknown>> };
}

/** The platform the file says it runs (`platform: <name>`), one of `known`. */
function platformNameOf({ source, value }: ReadFile, known: readonly string[]): string {
  const name = value.platform;
  const allowed = known.map((each) => `"${each}"`).join(', ');
  if (name === undefined) return fail([source.problemFor([], `platform is missing: say which platform this environment runs, one of ${allowed}`, 'key')]);
  if (typeof name !== 'string' || !known.includes(name)) {
    const hint = typeof name === 'string' ? suggest(name, known) : undefined;
    return fail([
      source.problemFor(
        ['platform'],
        `${JSON.stringify(name)} is no platform here${hint === undefined ? '' : ` (did you mean "${hint}"?)`}; one of ${allowed}`,
      ),
    ]);
  }
  return name;
}

/** Validates a file's value against its platform's schema and rules. */
function environmentOf<E extends PlatformEnvironment>(platform: EnvironmentRules<E>, name: string, { source, value }: ReadFile): E {
  const rules = platform as EnvironmentRules<PlatformEnvironment>;
  const validate = validateSpec(rules);
  if (!validate(value)) fail(schemaProblems(source, validate.errors ?? []));
  // The platform's schema has just proven the value is its environment.
  const env = { ...(value as PlatformEnvironmentSpec), name } as E;
  const crossField = crossFieldProblems(source, env, rules);
  if (crossField.length > 0) fail(crossField);
  // After the rules: the alert declarations need every tier placed.
  const overrides = alertOverrideProblems(platform.alerts, source, env);
  if (overrides.length > 0) fail(overrides);
  return env;
}

/**
 * Parses and validates one environment file's text for `platform`; `file` is how problems name it.
 * The platform says which components `components` may name and which alerts `monitoring.alerts` may override.
 */
export function parseEnvironment<E extends PlatformEnvironment>(platform: EnvironmentRules<E>, name: string, file: string, text: string): E {
  const read = readFile(file, text);
  platformNameOf(read, [platform.name]);
  return environmentOf(platform, name, read);
}

/** The environments defined under `<cwd>/environments`, by name, sorted. */
export async function listEnvironments(cwd: string): Promise<string[]> {
  const dir = path.join(cwd, ENVIRONMENTS_DIR);
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch {
    throw new UserError(`no ${ENVIRONMENTS_DIR}/ folder in ${cwd}: run the command from the repository root or pass --cwd`);
  }
  const misnamed = entries.filter((entry) => entry.endsWith('.yml'));
  if (misnamed.length > 0) {
    throw new UserError(`${misnamed.map((entry) => path.join(ENVIRONMENTS_DIR, entry)).join(', ')}: environment files end in .yaml; rename to .yaml`);
  }
  const names = entries.filter((entry) => entry.endsWith('.yaml')).map((entry) => entry.slice(0, -'.yaml'.length));
  const invalid = names.filter((name) => !ENVIRONMENT_NAME.test(name));
  if (invalid.length > 0) {
    throw new UserError(
      `${invalid.map((name) => `${ENVIRONMENTS_DIR}/${name}.yaml`).join(', ')}: an environment's file name is its name: lowercase letters, digits and "-", at most 30 characters`,
    );
  }
  const reserved = names.filter((name) => NON_ENVIRONMENT_DIRS.has(name));
  if (reserved.length > 0) {
    throw new UserError(
      `${reserved.map((name) => `${ENVIRONMENTS_DIR}/${name}.yaml`).join(', ')}: an environment renders into ${GENERATED_DIR}/<name>/, and ${reserved.map((name) => `${GENERATED_DIR}/${name}/`).join(', ')} holds other output; rename the file (names taken: ${[...NON_ENVIRONMENT_DIRS].sort().join(', ')})`,
    );
  }
  if (names.length === 0) throw new UserError(`${ENVIRONMENTS_DIR}/ holds no environment file (*.yaml)`);
  return names.sort();
}

/**
 * Loads the named environments (all when `names` is empty), each validated by the platform its file
 * names, then the values no two of them may hold (./claims.ts). Unknown names are a user error with a
 * suggestion; problems from every file are reported together.
 */
export async function loadEnvironments(platforms: Platforms, cwd: string, names: readonly string[] = []): Promise<LoadedEnvironment[]> {
  const claiming: ClaimingEnvironment[] = [];
  const loadOne = async (name: string, file: string, text: string): Promise<LoadedEnvironment> => {
    const read = readFile(file, text);
    const platform = await platforms.load(platformNameOf(read, platforms.names));
    const env = environmentOf(platform, name, read);
    claiming.push({ file, source: read.source, claims: platform.claims?.(env) ?? [] });
    return { platform, env };
  };
  return loadFiles(cwd, names, loadOne, async (others) => {
    // Claims are held against every file, loaded or not, once one of those loaded makes any: the
    // others are read for theirs alone (one that fails its own checks claims nothing here).
    if (claiming.every((env) => env.claims.length === 0)) return [];
    for await (const { name, file, text } of others) await loadOne(name, file, text).catch((error: unknown) => ignoreProblems(error));
    return claimProblems(claiming);
  });
}

/** Passes over an environment file's own problems, which its own loading reports. */
function ignoreProblems(error: unknown): undefined {
  if (error instanceof ProblemsError) return undefined;
  throw error;
}

/**
 * The named environments of one platform, or all of its environments when `names` is empty (files
 * of other platforms are then passed over): for tools and tests that work on one platform.
 */
export async function loadPlatformEnvironments<E extends PlatformEnvironment>(
  platform: EnvironmentRules<E>,
  cwd: string,
  names: readonly string[] = [],
): Promise<E[]> {
  const loaded = await loadFiles(cwd, names, async (name, file, text) => {
    const read = readFile(file, text);
    if (names.length === 0 && read.value.platform !== platform.name && typeof read.value.platform === 'string') return undefined;
    platformNameOf(read, [platform.name]);
    return environmentOf(platform, name, read);
  });
  return loaded.filter((env): env is Awaited<E> => env !== undefined);
}

/** An environment file's name, path and text. */
interface EnvironmentFile {
  readonly name: string;
  readonly file: string;
  readonly text: string;
}

/**
 * Loads the selected files; then `acrossFiles`, given the files not selected, returns the problems
 * across files. Every problem is thrown together.
 */
async function loadFiles<T>(
  cwd: string,
  names: readonly string[],
  load: (name: string, file: string, text: string) => Promise<T>,
  acrossFiles: (others: AsyncIterable<EnvironmentFile>) => Promise<readonly Problem[]> = async () => [],
): Promise<T[]> {
  const known = await listEnvironments(cwd);
  const unknown = names.filter((name) => !known.includes(name));
  if (unknown.length > 0) {
    const hints = unknown.map((name) => {
      const suggestion = suggest(name, known);
      return suggestion === undefined ? `"${name}"` : `"${name}" (did you mean "${suggestion}"?)`;
    });
    throw new UserError(`unknown environment ${hints.join(', ')}; known environments: ${known.join(', ')}`);
  }
  const selected = names.length === 0 ? known : [...new Set(names)].sort();
  const read = async (name: string): Promise<EnvironmentFile> => {
    const file = path.join(ENVIRONMENTS_DIR, `${name}.yaml`);
    const text = await readHead(path.join(cwd, file), MAX_FILE_BYTES + 1).catch((error: NodeJS.ErrnoException) => {
      throw new UserError(`${file}: cannot be read (${error.code ?? error.message}); an environment is a YAML file`);
    });
    return { name, file, text };
  };
  let problems: readonly Problem[] = [];
  const loaded: T[] = [];
  for (const name of selected) {
    const { file, text } = await read(name);
    try {
      loaded.push(await load(name, file, text));
    } catch (error) {
      if (!(error instanceof ProblemsError)) throw error;
      // Not push(...problems): a file can hold more problems than a call can take arguments.
      problems = problems.concat(error.problems);
    }
  }
  /** The files not selected; one that cannot be read is its own loading's to report. */
  async function* others(): AsyncIterable<EnvironmentFile> {
    for (const name of known) {
      if (selected.includes(name)) continue;
      const file = await read(name).catch(() => undefined);
      if (file !== undefined) yield file;
    }
  }
  problems = problems.concat(await acrossFiles(others()));
  if (problems.length > 0) throw new ProblemsError(problems);
  return loaded;
}

/** The file's first `bytes` bytes as text: a file over the size limit is reported from its start, not read whole. */
async function readHead(file: string, bytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of createReadStream(file, { end: bytes - 1 })) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function sortProblems(problems: Problem[]): Problem[] {
  return problems.sort((a, b) => a.line - b.line || a.column - b.column);
}
