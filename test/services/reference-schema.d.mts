/** Creates the knowledge graph's reference tables (as alembic leaves them) in the connected database. */
export function createReferenceSchema(client: { query(sql: string): Promise<unknown> }): Promise<void>;

/** An INSERT of aggregation runs `[id, documentId, error]`, each with zero counts. */
export function insertSiAggregatedRuns(runs: readonly (readonly [number, string, boolean])[]): string;
