/**
 * New python_package_version_entity rows get the rules that apply to them (thoth-storages'
 * _refresh_rules_python_entity): the rules of their package for their index or for none, whose
 * version range holds their version. What every job that records releases shares.
 */
import type pg from 'pg';
import { ruleApplies } from '../python/package.js';

export async function attachEntityRules(
  client: pg.ClientBase,
  name: string,
  indexId: number,
  entities: readonly { readonly id: number; readonly version: string }[],
): Promise<void> {
  if (entities.length === 0) return;
  // The rules of the package for every index (NULL) or for this one; thoth-storages took every index's.
  const rules = await client.query<{ id: number; version_range: string | null }>(
    'SELECT id, version_range FROM python_package_version_entity_rule WHERE package_name = $1 AND (python_package_index_id IS NULL OR python_package_index_id = $2)',
    [name, indexId],
  );
  const pairs = entities.flatMap((entity) => rules.rows.filter((rule) => ruleApplies(rule.version_range, entity.version)).map((rule) => [entity.id, rule.id]));
  if (pairs.length === 0) return;
  await client.query(
    `INSERT INTO python_package_version_entity_rules_association (python_package_version_entity_id, python_package_version_entity_rule_id)
       SELECT * FROM unnest($1::int[], $2::int[]) ON CONFLICT DO NOTHING`,
    [pairs.map(([entity]) => entity), pairs.map(([, rule]) => rule)],
  );
}
