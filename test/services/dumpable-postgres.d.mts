export interface DumpableServer {
  /** The server's URL, database `postgres`, user `postgres`, trusted. */
  readonly url: string;
  readonly stop: () => Promise<void>;
}

/** Starts a throwaway PostgreSQL server of pg_dump's major version. */
export function startDumpableServer(): Promise<DumpableServer>;
