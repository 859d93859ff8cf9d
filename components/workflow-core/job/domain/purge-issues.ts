/**
 * The issue create-purge-issues opens in each repository with Kebechet whose runtime environment a
 * purge removed from the knowledge graph (thoth-station/workflow-helpers v0.9.16
 * create_purge_issues.py): its title and text, as the reference wrote them, so an issue the
 * reference opened is found and not opened again.
 */

/** A solver environment: what a purge removes, and what the graph still resolves for. */
export interface SoftwareEnvironment {
  readonly osName: string;
  readonly osVersion: string;
  readonly pythonVersion: string;
}

/** A repository to tell, from its Kebechet installation. */
export interface PurgedInstallation {
  readonly slug: string;
  readonly repoName: string;
}

export function purgeIssueTitle(purged: SoftwareEnvironment): string {
  return `${purged.osName}:${purged.osVersion}py${purged.pythonVersion} being purged from Thoth DB`;
}

export function purgeIssueBody(purged: SoftwareEnvironment, available: readonly SoftwareEnvironment[]): string {
  const runtimes = available.map((each) => ({ os_name: each.osName, os_version: each.osVersion, python_version: each.pythonVersion }));
  return `Thoth is constantly ingesting new data, it purges data as operating system and python versions are EOL.
OS: ${purged.osName}, Version: ${purged.osVersion}, with Python Version: ${purged.pythonVersion}, was just removed and Thoth will no longer
be able to advise on this environment. Please update to a newer version or another supported operating system.

**List of currently available runtimes**

\`\`\`json
${JSON.stringify(runtimes, null, 4)}
\`\`\`
`;
}

/**
 * The environment as the graph stores it (thoth-common v0.36.6 map_os_name and
 * normalize_os_version): ubi is rhel, whose version is its major one.
 */
export function storedEnvironment(environment: SoftwareEnvironment): SoftwareEnvironment {
  const osName = environment.osName === 'ubi' ? 'rhel' : environment.osName;
  return { ...environment, osName, osVersion: osName === 'rhel' ? environment.osVersion.split('.')[0]! : environment.osVersion };
}

/** The environments the graph still resolves for, the purged one left out, in a stable order. */
export function remainingRuntimes(all: readonly SoftwareEnvironment[], purged: SoftwareEnvironment): SoftwareEnvironment[] {
  const key = (each: SoftwareEnvironment) => `${each.osName}\u0000${each.osVersion}\u0000${each.pythonVersion}`;
  return all.filter((each) => key(each) !== key(purged)).sort((a, b) => key(a).localeCompare(key(b)));
}
