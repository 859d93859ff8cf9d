/**
 * The job programs written in this repository, each built into its own image from its entry point.
 * Their manifests refer to the image by a tag derived from the sources the program is built from
 * (src/images/plan.ts), so a code change is a manifest change.
 */
export interface JobProgram {
  /** The image's name in the environment's registry. */
  readonly image: string;
  /** The program's entry point, relative to the repository root. */
  readonly entry: string;
  readonly description: string;
  /**
   * The major version of the PostgreSQL client tools the program runs (pg_dump), which its image then
   * carries: on Node.js's Debian image, from the PostgreSQL project's repository, instead of distroless.
   */
  readonly postgresClient?: string;
}

export const JOB_PROGRAMS = [
  { image: 'graph-refresh-job', entry: 'components/graph-refresh/job/main.ts', description: 'asks for the package versions no solver has resolved yet' },
  { image: 'investigator', entry: 'components/investigator/job/main.ts', description: 'turns Thoth messages into Argo Workflows and knowledge-graph updates' },
  {
    image: 'workflow-tasks',
    entry: 'components/workflow-core/job/main.ts',
    description: 'the steps of the knowledge-graph loop that run in Argo workflows, one command per step',
  },
  {
    image: 'mi-scheduler-job',
    entry: 'components/mi-scheduler/job/main.ts',
    description: 'submits the meta-information (mi) analyses of GitHub repositories and the merge of their Kebechet metrics',
  },
  {
    image: 'graph-backup-job',
    entry: 'components/graph-backup/job/main.ts',
    description: 'dumps the knowledge graph with pg_dump straight into S3 and deletes the dumps beyond the newest few',
    // The knowledge graph's (components/knowledge-graph/postgresql.ts): pg_dump refuses a newer server,
    // and an older one's dump may not restore (components/graph-backup/index.ts checks the environment's).
    postgresClient: '16',
  },
  {
    image: 'graph-metrics-exporter',
    entry: 'components/graph-metrics-exporter/job/main.ts',
    description: "measures the knowledge graph's health and the freshness of its backups, and pushes the figures",
  },
  {
    image: 'document-sync-job',
    entry: 'components/document-sync/job/main.ts',
    description: "copies this deployment's documents that another deployment's store lacks",
  },
  {
    image: 'package-releases-job',
    entry: 'components/package-releases/job/main.ts',
    description: 'records and announces the new releases of the packages the knowledge graph knows',
  },
  {
    image: 'package-update-job',
    entry: 'components/package-update/job/main.ts',
    description: 'tells, once each, the solved packages, versions and artifacts their indexes no longer serve',
  },
  {
    image: 'cve-update-job',
    entry: 'components/cve-update/job/main.ts',
    description: "records PyPA's advisories in the knowledge graph and announces each newly affected version",
  },
  {
    image: 'pulp-pypi-sync-job',
    entry: 'components/pulp-pypi-sync/job/main.ts',
    description: "registers a Pulp instance's PyPI distributions as package indexes",
  },
  {
    image: 'advise-reporter',
    entry: 'components/advise-reporter/job/main.ts',
    description: "counts each day's requests and results and reports on the adviser's runs",
  },
] as const satisfies readonly JobProgram[];

export type JobImageName = (typeof JOB_PROGRAMS)[number]['image'];

/** Image name → content tag, as the manifests refer to them. */
export type JobImageTags = ReadonlyMap<JobImageName, string>;
