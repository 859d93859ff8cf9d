export interface IndexFileSpec {
  readonly filename: string;
  readonly yanked?: boolean;
  /** Given as the JSON API's digests.sha256 and the Simple API link's #sha256 fragment. */
  readonly sha256?: string;
}

/** Project (PEP 503 normalised name) → version → its files. */
export type Projects = Map<string, Map<string, readonly IndexFileSpec[]>>;

export interface FakePackageIndex {
  /** http://127.0.0.1:<port>: the Simple API is under /simple, the JSON API under /pypi. */
  readonly url: string;
  readonly projects: Projects;
  readonly requests: { count: number };
  busy(name: string, times: number): void;
  broken(name: string): void;
  stop(): Promise<void>;
}

export function startFakePackageIndex(projects?: Projects): Promise<FakePackageIndex>;
