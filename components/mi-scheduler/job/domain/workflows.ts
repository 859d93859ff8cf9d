/**
 * What mi-scheduler asks for (thoth-jobs.md §8): per repository an mi analysis, and once a Kebechet
 * merge, each with the reference's parameters, by the names the entry WorkflowTemplates declare
 * (components/entry-workflows.ts; the reference's CREATE_KNOWLEDGE is the step's argument here,
 * docs/quirks.md Q38). Pure: names and paths in, workflow requests out.
 */
import type { ENTRY_WORKFLOWS } from '../../../entry-workflows.js';

/** The entities a Kebechet analysis collects, as the reference's KEBECHET_ENTITIES. */
export const KEBECHET_ENTITIES = ['PullRequest', 'Issue'] as const;

/** Where mi keeps its knowledge and the Kebechet metrics (relative paths: the Ceph key prefixes). */
export interface DataPaths {
  /** `<deployment>/mi/<subdir>`. */
  readonly knowledge: string;
  /** `<deployment>/<subdir>/thoth-sli-metrics/kebechet-update-manager`. */
  readonly kebechetStats: string;
}

/** As the reference joined them (pathlib): an empty subdirectory leaves no empty segment. */
export function dataPaths(deploymentName: string, subdir: string): DataPaths {
  const join = (...segments: string[]) => segments.filter((segment) => segment !== '').join('/');
  return {
    knowledge: join(deploymentName, 'mi', subdir),
    kebechetStats: join(deploymentName, subdir, 'thoth-sli-metrics', 'kebechet-update-manager'),
  };
}

/** The parameter each entry workflow receives its own name in (the reference's generated id). */
export const NAME_PARAMETER = 'WORKFLOW_ID';

/** The parameters an entry declares, its name's aside: the domain passes each of them, and no other. */
type EntryParameters<E extends keyof typeof ENTRY_WORKFLOWS> = Readonly<
  Record<Exclude<(typeof ENTRY_WORKFLOWS)[E]['parameters'][number], typeof NAME_PARAMETER>, string>
>;

/** One workflow to submit: the entry it runs, the start of its name and every parameter but its name. */
export type MiWorkflow =
  | { readonly entry: 'mi'; readonly repository: string; readonly prefix: string; readonly parameters: EntryParameters<'mi'> }
  | { readonly entry: 'mi-merge'; readonly repository: undefined; readonly prefix: string; readonly parameters: EntryParameters<'mi-merge'> };

/**
 * The start of a workflow's name, as the reference's ids began (its prefix joined the repository,
 * `analysis`, `merge` and `thoth`), after `mi-`: `mi-thoth-station-adviser-analysis-thoth`.
 */
function prefixOf(repository: string | undefined, kind: { analysis: boolean; merge: boolean; thoth: boolean }): string {
  const parts = ['mi', ...(repository === undefined ? [] : [repository.replace('/', '-')])];
  if (kind.analysis) parts.push('analysis');
  if (kind.merge) parts.push('merge');
  if (kind.thoth) parts.push('thoth');
  return parts.join('-').toLowerCase().replace(/_/g, '-');
}

/** gh-analysis: a repository's meta-information, the entities configured, no Kebechet metrics. */
export function repositoryAnalysis(repository: string, entities: readonly string[], paths: DataPaths): MiWorkflow {
  return {
    entry: 'mi',
    repository,
    prefix: prefixOf(repository, { analysis: true, merge: false, thoth: false }),
    parameters: {
      REPOSITORY: repository,
      ENTITIES: entities.join(','),
      KNOWLEDGE_PATH: paths.knowledge,
      MI_MERGE_PATH: '',
      MI_THOTH: '0',
      MI_MERGE: '0',
    },
  };
}

/**
 * kebechet-analysis: a repository with Kebechet, its pull requests and issues, and its Kebechet
 * metrics. Those go where kebechet-merge reads them: the reference left MI_MERGE_PATH to the
 * template's default, so the per-repository metrics were written under another path than the one
 * its merge searched.
 */
export function kebechetAnalysis(repository: string, paths: DataPaths): MiWorkflow {
  return {
    entry: 'mi',
    repository,
    prefix: prefixOf(repository, { analysis: true, merge: false, thoth: true }),
    parameters: {
      REPOSITORY: repository,
      ENTITIES: KEBECHET_ENTITIES.join(','),
      KNOWLEDGE_PATH: paths.knowledge,
      MI_MERGE_PATH: paths.kebechetStats,
      MI_THOTH: '1',
      MI_MERGE: '0',
    },
  };
}

/** kebechet-merge: one merge of every repository's Kebechet metrics. */
export function kebechetMerge(paths: DataPaths): MiWorkflow {
  return {
    entry: 'mi-merge',
    repository: undefined,
    prefix: prefixOf(undefined, { analysis: false, merge: true, thoth: true }),
    parameters: {
      REPOSITORY: '',
      ENTITIES: '',
      KNOWLEDGE_PATH: paths.knowledge,
      MI_MERGE_PATH: paths.kebechetStats,
      MI_THOTH: '1',
      MI_MERGE: '1',
    },
  };
}
