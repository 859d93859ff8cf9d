/** A PostgreSQL server for a run: DATABASE_URL's when set, else one started here; also used by scripts/. */
export function startPostgres(): Promise<{ readonly url: string; readonly stop: () => Promise<void> }>;

export default function globalSetup(): Promise<void>;
