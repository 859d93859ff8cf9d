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
] as const satisfies readonly JobProgram[];

export type JobImageName = (typeof JOB_PROGRAMS)[number]['image'];

/** Image name → content tag, as the manifests refer to them. */
export type JobImageTags = ReadonlyMap<JobImageName, string>;
