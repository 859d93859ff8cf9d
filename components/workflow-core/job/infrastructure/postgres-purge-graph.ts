/**
 * The knowledge graph as create-purge-issues reads it (thoth-storages v0.74.1 postgres.py
 * get_kebechet_github_installation_info_with_software_environment_all and
 * get_solved_python_package_versions_software_environment_all).
 */
import type pg from 'pg';
import type { PurgeGraph } from '../application/ports.js';
import type { PurgedInstallation, SoftwareEnvironment } from '../domain/purge-issues.js';

export class PostgresPurgeGraph implements PurgeGraph {
  constructor(private readonly pool: pg.Pool) {}

  async installationsIn(environment: SoftwareEnvironment): Promise<PurgedInstallation[]> {
    // One issue per repository: an installation per runtime environment may name it more than once.
    const { rows } = await this.pool.query<{ slug: string; repo_name: string }>(
      `SELECT DISTINCT installation.slug, installation.repo_name
         FROM kebechet_github_installations AS installation
         JOIN external_software_environment AS environment ON environment.id = installation.external_software_environment_id
        WHERE installation.is_active AND environment.os_name = $1 AND environment.os_version = $2 AND environment.python_version = $3
        ORDER BY installation.slug`,
      [environment.osName, environment.osVersion, environment.pythonVersion],
    );
    return rows.map((row) => ({ slug: row.slug, repoName: row.repo_name }));
  }

  async solverEnvironments(): Promise<SoftwareEnvironment[]> {
    const { rows } = await this.pool.query<{ os_name: string; os_version: string; python_version: string }>(
      'SELECT DISTINCT os_name, os_version, python_version FROM ecosystem_solver',
    );
    return rows.map((row) => ({ osName: row.os_name, osVersion: row.os_version, pythonVersion: row.python_version }));
  }
}
