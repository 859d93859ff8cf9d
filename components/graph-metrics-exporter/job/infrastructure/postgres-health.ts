/**
 * The knowledge graph's health as PostgreSQL's own tools measure it, rather than estimated from
 * statistics as the reference did: amcheck's bt_index_check on every B-tree index, pgstattuple's
 * pgstattuple_approx on every table and pgstatindex on every B-tree index (both read the relations:
 * a monthly job can afford it). Both are contrib extensions of the PostgreSQL image; the program
 * creates them where they are missing, which its user (the graph's owner) may do.
 */
import type pg from 'pg';
import { type IndexBloat, indexBloat, type TableBloat, tableBloat } from '../domain/graph-health.js';

/** The extension cannot be created: the message says what to do. */
export class ExtensionUnavailable extends Error {
  constructor(
    readonly extension: string,
    cause: unknown,
  ) {
    super(
      `the ${extension} extension is not installed and could not be created (${cause instanceof Error ? cause.message : String(cause)}); run CREATE EXTENSION ${extension} in the knowledge graph as a superuser`,
      { cause },
    );
    this.name = 'ExtensionUnavailable';
  }
}

/** The B-tree indexes amcheck and pgstatindex can read: valid, ready, not another session's temporary ones. */
const BTREE_INDEXES = `
  SELECT index.oid AS oid, index.relname AS index, owner.relname AS "table"
    FROM pg_index AS entry
    JOIN pg_class AS index ON index.oid = entry.indexrelid
    JOIN pg_class AS owner ON owner.oid = entry.indrelid
    JOIN pg_am AS method ON method.oid = index.relam
    JOIN pg_namespace AS namespace ON namespace.oid = index.relnamespace
   WHERE method.amname = 'btree' AND index.relkind = 'i' AND index.relpersistence <> 't'
     AND entry.indisvalid AND entry.indisready
     AND namespace.nspname NOT IN ('pg_catalog', 'information_schema') AND namespace.nspname NOT LIKE 'pg_toast%'
   ORDER BY index.relname`;

/** SQLSTATE class XX: PostgreSQL's "internal error" class, whose data_corrupted and index_corrupted amcheck raises. */
const CORRUPTION = /^XX/;

export class PostgresHealth {
  constructor(private readonly pool: pg.Pool) {}

  /** Creates the extension if it is missing. */
  private async ensure(extension: 'amcheck' | 'pgstattuple'): Promise<void> {
    try {
      await this.pool.query(`CREATE EXTENSION IF NOT EXISTS ${extension}`);
    } catch (error) {
      throw new ExtensionUnavailable(extension, error);
    }
  }

  /**
   * The indexes amcheck finds corrupted (none: not corrupted). Each index is checked on its own, so
   * one corrupted index does not hide the others; an error that is not corruption (a permission, a
   * lost connection) is the check's failure, not a corrupted graph, as the reference took it.
   */
  async corruptedIndexes(signal?: AbortSignal): Promise<string[]> {
    await this.ensure('amcheck');
    const { rows } = await this.pool.query<{ oid: number; index: string }>(BTREE_INDEXES);
    const corrupted: string[] = [];
    for (const { oid, index } of rows) {
      // A large graph has many indexes: the stop is heard between them.
      signal?.throwIfAborted();
      try {
        await this.pool.query('SELECT bt_index_check($1::oid::regclass)', [oid]);
      } catch (error) {
        if (!CORRUPTION.test((error as { code?: string }).code ?? '')) throw error;
        corrupted.push(index);
      }
    }
    return corrupted;
  }

  async tableBloat(): Promise<TableBloat[]> {
    await this.ensure('pgstattuple');
    const { rows } = await this.pool.query<{ table: string; table_len: string; approx_free_space: string; dead_tuple_len: string }>(`
      SELECT relation.relname AS "table", stats.table_len, stats.approx_free_space, stats.dead_tuple_len
        FROM pg_class AS relation
        JOIN pg_namespace AS namespace ON namespace.oid = relation.relnamespace
       CROSS JOIN LATERAL pgstattuple_approx(relation.oid) AS stats
       WHERE relation.relkind = 'r' AND relation.relpersistence <> 't'
         AND namespace.nspname NOT IN ('pg_catalog', 'information_schema') AND namespace.nspname NOT LIKE 'pg_toast%'
       ORDER BY relation.relname`);
    return rows.map((row) => ({
      table: row.table,
      ...tableBloat({ tableBytes: Number(row.table_len), freeBytes: Number(row.approx_free_space), deadBytes: Number(row.dead_tuple_len) }),
    }));
  }

  /** Largest waste first, as the reference ordered them. */
  async indexBloat(): Promise<IndexBloat[]> {
    await this.ensure('pgstattuple');
    const { rows } = await this.pool.query<{ table: string; index: string; index_size: string; avg_leaf_density: number }>(`
      SELECT btree.table AS "table", btree.index, stats.index_size, stats.avg_leaf_density
        FROM (${BTREE_INDEXES}) AS btree
       CROSS JOIN LATERAL pgstatindex(btree.oid::regclass) AS stats`);
    return rows
      .map((row) => ({
        table: row.table,
        index: row.index,
        ...indexBloat({ indexBytes: Number(row.index_size), avgLeafDensity: Number(row.avg_leaf_density) }),
      }))
      .sort((a, b) => b.mb - a.mb || (a.index < b.index ? -1 : 1));
  }
}
