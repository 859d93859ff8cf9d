/**
 * The knowledge graph as kebechet-administrator reads it: the active Kebechet installations whose
 * locked stack (external_python_software_stack → external_python_requirements_lock →
 * has_external_python_requirement_lock → python_package_version_entity) holds a package
 * (thoth-storages v0.74.1 get_kebechet_github_installations_info_for_python_package_version), every
 * locked row returned, not one per repository as its _group_by_slug kept.
 */
import type pg from 'pg';
import { retryingWhenUnavailable } from '../../../../src/runtime/postgres/errors.js';
import type { KebechetInstallations } from '../application/ports.js';
import type { LockedPackage, LockQuery } from '../domain/kebechet-administrator.js';

export class PostgresKebechetInstallations implements KebechetInstallations {
  constructor(private readonly pool: pg.Pool) {}

  /**
   * The entity's index must be the query's, or none: the reference's filter,
   * `exists().where(or_(entity.index_id == index.id, entity.index_id IS NULL))`, never compared the
   * URL, so it held for any package from any index. The environment is the installation's own.
   */
  async lockingPackage(query: LockQuery): Promise<LockedPackage[]> {
    const environment = query.environment;
    const { rows } = await retryingWhenUnavailable(() =>
      this.pool.query<{ slug: string; installation_id: string; private: boolean; package_version: string | null }>(
        `SELECT k.slug, k.installation_id, k.private, e.package_version
           FROM kebechet_github_installations k
           JOIN external_python_software_stack s ON s.id = k.external_python_software_stack_id
           JOIN external_python_requirements_lock l ON l.id = s.external_python_requirements_lock_id
           JOIN has_external_python_requirement_lock h ON h.external_python_requirements_locked_id = l.id
           JOIN python_package_version_entity e ON e.id = h.python_package_version_entity_id
           LEFT JOIN python_package_index i ON i.id = e.python_package_index_id
           LEFT JOIN external_software_environment env ON env.id = k.external_software_environment_id
          WHERE k.is_active IS TRUE
            AND e.package_name = $1
            AND (e.python_package_index_id IS NULL OR i.url = $2)
            AND ($3::text IS NULL OR e.package_version = $3)
            AND ($4::text IS NULL OR (env.os_name = $4 AND env.os_version = $5 AND env.python_version = $6))
          ORDER BY k.slug, k.id, e.package_version`,
        [query.name, query.indexUrl, query.version ?? null, environment?.osName ?? null, environment?.osVersion ?? null, environment?.pythonVersion ?? null],
      ),
    );
    return rows.map((row) => ({ slug: row.slug, installationId: row.installation_id, isPrivate: row.private, lockedVersion: row.package_version }));
  }
}
