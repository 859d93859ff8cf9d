/** Registers indexes in the knowledge graph (thoth-storages' register_python_package_index): the new ones only. */
import type pg from 'pg';

export class PostgresIndexes {
  constructor(private readonly pool: pg.Pool) {}

  /** Inserts the URLs the graph lacks; returns them. */
  async register(urls: readonly string[], settings: { readonly enabled: boolean; readonly onlyIfPackageSeen: boolean }): Promise<string[]> {
    const { rows } = await this.pool.query<{ url: string }>(
      `INSERT INTO python_package_index (url, warehouse_api_url, verify_ssl, enabled, only_if_package_seen)
         SELECT url, NULL, TRUE, $2, $3 FROM unnest($1::text[]) AS url
       ON CONFLICT (url) DO NOTHING RETURNING url`,
      [urls, settings.enabled, settings.onlyIfPackageSeen],
    );
    return rows.map((row) => row.url).sort();
  }
}
