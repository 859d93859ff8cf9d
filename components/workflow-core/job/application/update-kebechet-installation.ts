/**
 * update-kebechet-installation: a repository with Kebechet gets, in the knowledge graph, one
 * installation per runtime environment of its .thoth.yaml, with the requirements and lock files of
 * that environment (thoth-station/workflow-helpers update_keb_installation.py, which never worked:
 * docs/quirks.md); installations of environments no longer configured are deleted.
 */
import type { Logger } from '../../../../src/runtime/log.js';
import { externalEnvironment, type InstallationRecord, managers } from '../domain/kebechet-installation.js';
import { type ParsedFiles, parsePipenvFiles, parseRequirementsFile } from '../domain/requirements-files.js';
import {
  environmentsToUpdate,
  filesDirectory,
  InstallationFileError,
  parseThothConfig,
  type RuntimeEnvironment,
  THOTH_CONFIG_FILE,
  type ThothConfig,
} from '../domain/thoth-config.js';

/** GitHub through the Kebechet App, as this task reads a repository (the runtime's OctokitGitHub is one). */
export interface KebechetRepositories {
  /** The App's installation on the repository; undefined: not installed there (or no such repository). */
  installation(owner: string, name: string): Promise<{ readonly id: number } | undefined>;
  repository(owner: string, name: string): Promise<{ readonly private: boolean } | undefined>;
  /** A file of the default branch; undefined: no such file. */
  fileContent(owner: string, name: string, path: string): Promise<string | undefined>;
}

/** The knowledge graph, as this task writes it. */
export interface KebechetInstallationGraph {
  /**
   * In one transaction: each record's rows, as thoth-storages' update_kebechet_installation_using_files
   * writes them, then the deletion of the slug's installations of any other runtime environment.
   * Returns the runtime environment names deleted.
   */
  replaceInstallations(slug: string, records: readonly InstallationRecord[]): Promise<{ readonly deleted: readonly (string | null)[] }>;
}

export type InstallationUpdate =
  | { readonly outcome: 'updated'; readonly environments: readonly (string | null)[]; readonly deleted: readonly (string | null)[] }
  /** The App is not installed on the repository (uninstalled since, or no such repository): the graph is left as it is. */
  | { readonly outcome: 'not-installed' }
  /** The repository has no .thoth.yaml: Kebechet has nothing to manage; the graph is left as it is. */
  | { readonly outcome: 'no-config' }
  /** A file of the repository is wrong (the user's to fix): nothing is written. */
  | { readonly outcome: 'invalid'; readonly file: string; readonly problem: string };

export async function updateKebechetInstallation(
  slug: string,
  ports: { readonly github: KebechetRepositories; readonly graph: KebechetInstallationGraph },
  log: Logger,
): Promise<InstallationUpdate> {
  const [owner = '', name = ''] = slug.split('/');
  const { github } = ports;
  const installation = await github.installation(owner, name);
  if (installation === undefined) return { outcome: 'not-installed' };
  const configText = await github.fileContent(owner, name, THOTH_CONFIG_FILE);
  if (configText === undefined) return { outcome: 'no-config' };
  const repository = await github.repository(owner, name);
  // Installed a moment ago and gone now: as not installed.
  if (repository === undefined) return { outcome: 'not-installed' };
  try {
    const config = parseThothConfig(configText);
    const records: InstallationRecord[] = [];
    for (const environment of environmentsToUpdate(config)) {
      const files = await readFiles(github, owner, name, config, environment);
      for (const warning of files.warnings) log.warn({ slug, environment: environment.name }, warning);
      records.push({
        slug,
        repoName: name,
        installationId: String(installation.id),
        isPrivate: repository.private,
        runtimeEnvironmentName: environment.name,
        environment: externalEnvironment(environment),
        managers: managers(config.managers),
        requirements: files.requirements,
        lock: files.lock,
      });
    }
    const { deleted } = await ports.graph.replaceInstallations(slug, records);
    return { outcome: 'updated', environments: records.map((record) => record.runtimeEnvironmentName), deleted };
  } catch (error) {
    if (error instanceof InstallationFileError) return { outcome: 'invalid', file: error.file, problem: error.problem };
    throw error;
  }
}

/** An environment's requirements files: Pipfile (and Pipfile.lock), or requirements.txt, else requirements.in. */
async function readFiles(
  github: KebechetRepositories,
  owner: string,
  name: string,
  config: ThothConfig,
  environment: RuntimeEnvironment,
): Promise<ParsedFiles> {
  const directory = filesDirectory(config, environment);
  const read = (file: string) => github.fileContent(owner, name, `${directory}${file}`);
  const missing = (file: string, wanted: string) =>
    new InstallationFileError(`${directory}${file}`, `not found in the repository; requirements_format ${config.requirementsFormat} reads ${wanted}`);
  if (config.requirementsFormat === 'pipenv') {
    const pipfile = await read('Pipfile');
    if (pipfile === undefined) throw missing('Pipfile', 'it (and Pipfile.lock when there is one)');
    return parsePipenvFiles(`${directory}Pipfile`, pipfile, `${directory}Pipfile.lock`, await read('Pipfile.lock'));
  }
  const locked = await read('requirements.txt');
  if (locked !== undefined) return parseRequirementsFile(`${directory}requirements.txt`, locked);
  const direct = await read('requirements.in');
  if (direct === undefined) throw missing('requirements.txt', 'it, or requirements.in without it');
  const parsed = parseRequirementsFile(`${directory}requirements.in`, direct);
  // requirements.in holds what is wanted, not what is installed: never a lock.
  return { ...parsed, lock: undefined };
}
