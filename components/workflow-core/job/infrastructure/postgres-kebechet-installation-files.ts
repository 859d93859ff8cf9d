/**
 * The knowledge graph as update-kebechet-installation writes it: the rows thoth-storages v0.74.1
 * update_kebechet_installation_using_files makes (with _create_python_software_stack,
 * is_external=True): the runtime environment (external_software_environment), the default
 * packages of the requirements (python_package_requirement, linked through
 * has_external_python_requirement to external_python_requirements), the locked ones
 * (python_package_version_entity and the rules that apply to them, linked through
 * has_external_python_requirement_lock to external_python_requirements_lock), the stack joining
 * both, and the installation row. Each "get or create" finds the row storages would find (its
 * filter_by on the same columns, NULL as IS NULL), so a second run adds nothing.
 */
import type pg from 'pg';
import { retryingWhenUnavailable } from '../../../../src/runtime/postgres/errors.js';
import type { KebechetInstallationGraph } from '../application/update-kebechet-installation.js';
import { ruleApplies } from '../../../../src/runtime/python/package.js';
import { fuzzyHash, type InstallationRecord } from '../domain/kebechet-installation.js';
import type { LockedPackage, Requirement } from '../domain/requirements-files.js';

type Query = readonly [sql: string, parameters: readonly unknown[]];

export class PostgresKebechetInstallationFiles implements KebechetInstallationGraph {
  constructor(private readonly pool: pg.Pool) {}

  async replaceInstallations(slug: string, records: readonly InstallationRecord[]): Promise<{ readonly deleted: readonly (string | null)[] }> {
    return retryingWhenUnavailable(async () => {
      const client = await this.pool.connect();
      try {
        await client.query('BEGIN');
        for (const record of records) await writeInstallation(client, record);
        // The reference deleted installations only: their stacks stay, as other rows may share them.
        const { rows } = await client.query<{ runtime_environment_name: string | null }>(
          `DELETE FROM kebechet_github_installations AS k
            WHERE k.slug = $1
              AND NOT EXISTS (SELECT 1 FROM unnest($2::text[]) AS kept(name) WHERE kept.name IS NOT DISTINCT FROM k.runtime_environment_name)
          RETURNING k.runtime_environment_name`,
          [slug, records.map((record) => record.runtimeEnvironmentName)],
        );
        await client.query('COMMIT');
        return { deleted: rows.map((row) => row.runtime_environment_name).sort() };
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    });
  }
}

async function writeInstallation(client: pg.ClientBase, record: InstallationRecord): Promise<void> {
  const { environment: env, managers: m } = record;
  const environmentId = await getOrCreate(
    client,
    [
      `SELECT id FROM external_software_environment
        WHERE environment_name IS NOT DISTINCT FROM $1 AND os_name IS NOT DISTINCT FROM $2 AND os_version IS NOT DISTINCT FROM $3
          AND python_version IS NOT DISTINCT FROM $4 AND cuda_version IS NOT DISTINCT FROM $5 AND environment_type = 'RUNTIME'
        ORDER BY id LIMIT 1`,
      [env.environmentName, env.osName, env.osVersion, env.pythonVersion, env.cudaVersion],
    ],
    [
      `INSERT INTO external_software_environment (environment_name, os_name, os_version, python_version, cuda_version, environment_type)
       VALUES ($1, $2, $3, $4, $5, 'RUNTIME') RETURNING id`,
      [env.environmentName, env.osName, env.osVersion, env.pythonVersion, env.cudaVersion],
    ],
  );
  const requirementsId = await writeRequirements(client, record.requirements);
  const lockId = await writeLock(client, record.lock);
  const stackId = await getOrCreate(
    client,
    [
      'SELECT id FROM external_python_software_stack WHERE external_python_requirements_id = $1 AND external_python_requirements_lock_id = $2 ORDER BY id LIMIT 1',
      [requirementsId, lockId],
    ],
    [
      'INSERT INTO external_python_software_stack (external_python_requirements_id, external_python_requirements_lock_id) VALUES ($1, $2) RETURNING id',
      [requirementsId, lockId],
    ],
  );
  const values = [
    record.slug,
    record.repoName,
    record.installationId,
    record.isPrivate,
    true,
    record.runtimeEnvironmentName,
    stackId,
    environmentId,
    m.info,
    m.pipfileRequirements,
    m.update,
    m.version,
    m.thothAdvise,
    m.thothProvenance,
  ];
  const placeholders = `(${values.map((_, index) => `$${index + 1}`).join(', ')})`;
  // An unnamed environment (NULL) is outside the unique key: it is found as storages finds it.
  const updated = await client.query(
    `UPDATE kebechet_github_installations SET (${INSTALLATION_COLUMNS.join(', ')}) = ${placeholders}
      WHERE id = (SELECT id FROM kebechet_github_installations WHERE slug = $1 AND runtime_environment_name IS NOT DISTINCT FROM $6 ORDER BY id LIMIT 1)`,
    values,
  );
  if (updated.rowCount !== 0) return;
  await client.query(
    `INSERT INTO kebechet_github_installations (${INSTALLATION_COLUMNS.join(', ')}) VALUES ${placeholders}
     ON CONFLICT (slug, runtime_environment_name) DO UPDATE
       SET (${INSTALLATION_COLUMNS.join(', ')}) = (${INSTALLATION_COLUMNS.map((column) => `EXCLUDED.${column}`).join(', ')})`,
    values,
  );
}

/** What update_kebechet_installation_using_files sets (last_run and the advised stack it leaves alone). */
const INSTALLATION_COLUMNS = [
  'slug',
  'repo_name',
  'installation_id',
  'private',
  'is_active',
  'runtime_environment_name',
  'external_python_software_stack_id',
  'external_software_environment_id',
  'info_manager',
  'pipfile_requirements_manager',
  'update_manager',
  'version_manager',
  'thoth_advise_manager',
  'thoth_provenance_manager',
] as const;

/** The requirement rows, keyed by the fuzzy hash of their sorted ids. */
async function writeRequirements(client: pg.ClientBase, requirements: readonly Requirement[]): Promise<number> {
  const ids: number[] = [];
  for (const requirement of requirements) {
    const indexId = requirement.indexUrl === undefined ? null : await packageIndex(client, requirement.indexUrl);
    const parameters = [requirement.name, requirement.versionRange, indexId];
    ids.push(
      await getOrCreate(
        client,
        [
          `SELECT id FROM python_package_requirement
            WHERE name = $1 AND version_range = $2 AND python_package_index_id IS NOT DISTINCT FROM $3 AND develop = FALSE ORDER BY id LIMIT 1`,
          parameters,
        ],
        ['INSERT INTO python_package_requirement (name, version_range, python_package_index_id, develop) VALUES ($1, $2, $3, FALSE) RETURNING id', parameters],
      ),
    );
  }
  const hash = fuzzyHash(numerically(ids));
  const requirementsId = await getOrCreate(
    client,
    ['SELECT id FROM external_python_requirements WHERE requirements_hash = $1', [hash]],
    ['INSERT INTO external_python_requirements (requirements_hash) VALUES ($1) ON CONFLICT DO NOTHING RETURNING id', [hash]],
  );
  for (const id of new Set(ids)) {
    await client.query(
      'INSERT INTO has_external_python_requirement (external_python_requirements_id, python_package_requirement_id) VALUES ($1, $2) ON CONFLICT DO NOTHING',
      [requirementsId, id],
    );
  }
  return requirementsId;
}

/** The locked entities, keyed by the fuzzy hash of their sorted ids; no lock file is the hash of [0]. */
async function writeLock(client: pg.ClientBase, lock: readonly LockedPackage[] | undefined): Promise<number> {
  const ids: number[] = [];
  for (const locked of lock ?? []) ids.push(await packageEntity(client, locked));
  const hash = fuzzyHash(lock === undefined ? [0] : numerically(ids));
  const lockId = await getOrCreate(
    client,
    ['SELECT id FROM external_python_requirements_lock WHERE requirements_lock_hash = $1', [hash]],
    ['INSERT INTO external_python_requirements_lock (requirements_lock_hash) VALUES ($1) ON CONFLICT DO NOTHING RETURNING id', [hash]],
  );
  for (const id of new Set(ids)) {
    await client.query(
      `INSERT INTO has_external_python_requirement_lock (external_python_requirements_locked_id, python_package_version_entity_id)
       VALUES ($1, $2) ON CONFLICT DO NOTHING`,
      [lockId, id],
    );
  }
  return lockId;
}

/** The entity, and the solver rules of its package that apply to its version (storages _refresh_rules_python_entity). */
async function packageEntity(client: pg.ClientBase, locked: LockedPackage): Promise<number> {
  const indexId = locked.indexUrl === undefined ? null : await packageIndex(client, locked.indexUrl);
  const parameters = [locked.name, locked.version, indexId];
  const select: Query = [
    `SELECT id FROM python_package_version_entity
      WHERE package_name = $1 AND package_version = $2 AND python_package_index_id IS NOT DISTINCT FROM $3 ORDER BY id LIMIT 1`,
    parameters,
  ];
  const entityId = await getOrCreate(client, select, [
    'INSERT INTO python_package_version_entity (package_name, package_version, python_package_index_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING id',
    parameters,
  ]);
  // storages matched the package's rules of every index, not only the entity's.
  const { rows } = await client.query<{ id: number; version_range: string | null }>(
    'SELECT id, version_range FROM python_package_version_entity_rule WHERE package_name = $1 ORDER BY id',
    [locked.name],
  );
  for (const rule of rows.filter((each) => ruleApplies(each.version_range, locked.version))) {
    await client.query(
      `INSERT INTO python_package_version_entity_rules_association (python_package_version_entity_id, python_package_version_entity_rule_id)
       VALUES ($1, $2) ON CONFLICT DO NOTHING`,
      [entityId, rule.id],
    );
  }
  return entityId;
}

/** An index the graph does not know is added disabled, as storages adds it (only_if_enabled=False). */
async function packageIndex(client: pg.ClientBase, url: string): Promise<number> {
  return getOrCreate(
    client,
    ['SELECT id FROM python_package_index WHERE url = $1', [url]],
    [
      'INSERT INTO python_package_index (url, verify_ssl, enabled, only_if_package_seen) VALUES ($1, TRUE, FALSE, TRUE) ON CONFLICT DO NOTHING RETURNING id',
      [url],
    ],
  );
}

/**
 * The row `select` finds, or the one `insert` makes. An insert that a concurrent run's won (ON
 * CONFLICT DO NOTHING returns nothing) is followed by the select again, which now sees it.
 */
async function getOrCreate(client: pg.ClientBase, select: Query, insert: Query): Promise<number> {
  const found = await client.query<{ id: number }>(select[0], [...select[1]]);
  if (found.rows[0] !== undefined) return found.rows[0].id;
  const inserted = await client.query<{ id: number }>(insert[0], [...insert[1]]);
  if (inserted.rows[0] !== undefined) return inserted.rows[0].id;
  const again = await client.query<{ id: number }>(select[0], [...select[1]]);
  if (again.rows[0] === undefined) throw new Error(`no row after inserting one: ${insert[0].split('(')[0]!.trim()}`);
  return again.rows[0].id;
}

function numerically(ids: readonly number[]): number[] {
  return [...ids].sort((a, b) => a - b);
}
