import { type Document, isAlias, isMap, isScalar, isSeq, type Node, parseDocument } from 'yaml';

/** A file of the repository that cannot be read as what it should be: the user's to fix. */
export class InstallationFileError extends Error {
  constructor(
    readonly file: string,
    readonly problem: string,
  ) {
    super(`${file}: ${problem}`);
    this.name = 'InstallationFileError';
  }
}

export const THOTH_CONFIG_FILE = '.thoth.yaml';
const FORMATS = ['pipenv', 'pip', 'pip-tools', 'pip-compile'] as const;
/** thamos' pattern: the name is a directory under overlays_dir, so nothing else gets through. */
const ENVIRONMENT_NAME = /^[A-Za-z0-9_-]+$/;

/** The runtime environment as .thoth.yaml states it (each field may be absent). */
export interface RuntimeEnvironment {
  /** null: the only environment, unnamed (thamos allows it without overlays). */
  readonly name: string | null;
  readonly osName: string | null;
  readonly osVersion: string | null;
  readonly pythonVersion: string | null;
  readonly cudaVersion: string | null;
}

export interface ThothConfig {
  /** pip, pip-tools and pip-compile read the same files. */
  readonly requirementsFormat: (typeof FORMATS)[number];
  readonly overlaysDir: string | undefined;
  readonly runtimeEnvironments: readonly RuntimeEnvironment[];
  /** The `name` of each entry of `managers`. */
  readonly managers: readonly string[];
}

export function parseThothConfig(text: string): ThothConfig {
  const fail = (problem: string): never => {
    throw new InstallationFileError(THOTH_CONFIG_FILE, problem);
  };
  const document = parseDocument(text);
  const [error] = document.errors;
  if (error !== undefined) fail(`${error.message.split('\n')[0]} (not YAML)`);
  const content = plain(document.contents, document);
  if (!isRecord(content)) return fail('expected a mapping of settings (host, requirements_format, runtime_environments, ...)');
  const format = content.requirements_format ?? 'pipenv';
  if (typeof format !== 'string' || !(FORMATS as readonly string[]).includes(format)) {
    fail(`requirements_format ${JSON.stringify(format)} is not supported; expected ${FORMATS.join(', ')}`);
  }
  // thamos: an empty overlays_dir is none.
  const overlays = content.overlays_dir === '' ? undefined : (content.overlays_dir ?? undefined);
  if (overlays !== undefined && (typeof overlays !== 'string' || overlays.startsWith('/') || overlays.split('/').includes('..'))) {
    fail(`overlays_dir ${JSON.stringify(overlays)} is not a directory of the repository`);
  }
  const environments = content.runtime_environments;
  if (!Array.isArray(environments) || environments.length === 0) fail('runtime_environments is missing or empty; Kebechet needs at least one');
  const runtimeEnvironments = (environments as unknown[]).map((entry, index) => runtimeEnvironment(entry, index, fail));
  const names = runtimeEnvironments.map((environment) => environment.name);
  const repeated = names.find((name, index) => name !== null && names.indexOf(name) !== index);
  if (repeated !== undefined) fail(`runtime_environments names ${JSON.stringify(repeated)} more than once`);
  // thamos: only the first (the default) may go unnamed; overlays are directories named after each.
  const unnamed = names.findIndex((name, index) => name === null && (index > 0 || overlays !== undefined));
  if (unnamed >= 0) fail(`runtime_environments[${unnamed}] has no name; with several environments or overlays_dir each needs one`);
  const managers = Array.isArray(content.managers) ? content.managers : [];
  return {
    requirementsFormat: format as ThothConfig['requirementsFormat'],
    overlaysDir: overlays === undefined ? undefined : directory(overlays as string),
    runtimeEnvironments,
    managers: managers.flatMap((manager) => (isRecord(manager) && typeof manager.name === 'string' ? [manager.name] : [])),
  };
}

/** A directory as the contents API names it: `./` and trailing slashes gone, the root ''. */
function directory(path: string): string {
  const trimmed = path.replace(/^(\.\/)+/, '').replace(/\/+$/, '');
  return trimmed === '.' ? '' : trimmed;
}

function runtimeEnvironment(entry: unknown, index: number, fail: (problem: string) => never): RuntimeEnvironment {
  const where = `runtime_environments[${index}]`;
  if (!isRecord(entry)) return fail(`${where} is not a mapping`);
  const { name = null, operating_system: os = null } = entry;
  if (name !== null && (typeof name !== 'string' || !ENVIRONMENT_NAME.test(name))) {
    fail(`${where}.name ${JSON.stringify(name)} is invalid; expected letters, digits, - and _ (it names a directory under overlays_dir)`);
  }
  if (os !== null && !isRecord(os)) fail(`${where}.operating_system is not a mapping of name and version`);
  const text = (value: unknown, key: string): string | null => {
    if (value === undefined || value === null) return null;
    if (typeof value !== 'string') fail(`${where}.${key} ${JSON.stringify(value)} is not a string`);
    return value as string;
  };
  const system = (os ?? {}) as Record<string, unknown>;
  return {
    name: name as string | null,
    osName: text(system.name, 'operating_system.name'),
    osVersion: text(system.version, 'operating_system.version'),
    pythonVersion: text(entry.python_version, 'python_version'),
    cudaVersion: text(entry.cuda_version, 'cuda_version'),
  };
}

/** The document as plain values; a number keeps its text (`python_version: 3.10` is "3.10", not 3.1). */
function plain(node: unknown, document: Document): unknown {
  if (isAlias(node)) return plain(node.resolve(document), document);
  if (isMap(node)) return Object.fromEntries(node.items.map((pair) => [String(plain(pair.key, document)), plain(pair.value, document)]));
  if (isSeq(node)) return node.items.map((item) => plain(item, document));
  if (isScalar(node)) return typeof node.value === 'number' && node.source !== undefined ? node.source : node.value;
  return node === null || node === undefined ? null : (node as Node).toJSON();
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every environment under overlays_dir, or the first one without it (thamos' default environment). */
export function environmentsToUpdate(config: ThothConfig): readonly RuntimeEnvironment[] {
  return config.overlaysDir === undefined ? config.runtimeEnvironments.slice(0, 1) : config.runtimeEnvironments;
}

/** Where an environment's requirements files are: overlays_dir/<name>/, or the repository's root. */
export function filesDirectory(config: ThothConfig, environment: RuntimeEnvironment): string {
  if (config.overlaysDir === undefined || environment.name === null) return '';
  return `${[config.overlaysDir, environment.name].filter((part) => part !== '').join('/')}/`;
}

// Requirements, as the graph stores them.
