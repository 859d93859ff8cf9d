/**
 * The repositories with an active Kebechet installation, as thoth-storages'
 * get_active_kebechet_github_installations_repos reads them (thoth-jobs.md §8): one row per
 * installation and runtime environment, so a repository may be stored more than once; each is
 * returned once here.
 */
import type pg from 'pg';
import type { KebechetInstallations } from '../application/schedule-mi.js';

export class PostgresKebechetInstallations implements KebechetInstallations {
  constructor(private readonly pool: pg.Pool) {}

  async activeRepositories(): Promise<string[]> {
    const { rows } = await this.pool.query<{ slug: string }>('SELECT DISTINCT slug FROM kebechet_github_installations WHERE is_active = TRUE ORDER BY slug');
    return rows.map((row) => row.slug);
  }
}
