import { ENTRY_WORKFLOWS } from '../../../entry-workflows.js';
import { RepositorySet, splitRepository } from './repositories.js';
import { dataPaths, kebechetAnalysis, kebechetMerge, NAME_PARAMETER, repositoryAnalysis } from './workflows.js';

test.each([
  ['', { knowledge: 'thoth-prod/mi', kebechetStats: 'thoth-prod/thoth-sli-metrics/kebechet-update-manager' }],
  ['daily', { knowledge: 'thoth-prod/mi/daily', kebechetStats: 'thoth-prod/daily/thoth-sli-metrics/kebechet-update-manager' }],
  ['a/b', { knowledge: 'thoth-prod/mi/a/b', kebechetStats: 'thoth-prod/a/b/thoth-sli-metrics/kebechet-update-manager' }],
])('the data paths with subdirectory %j: <deployment>/mi/<subdir> and <deployment>/<subdir>/thoth-sli-metrics/..., an empty one collapsed', (subdir, paths) => {
  expect(dataPaths('thoth-prod', subdir)).toEqual(paths);
});

const paths = dataPaths('thoth-prod', '');

test('each workflow passes exactly the parameters its entry declares, its name aside', () => {
  for (const workflow of [
    repositoryAnalysis('thoth-station/adviser', ['PullRequest'], paths),
    kebechetAnalysis('thoth-station/adviser', paths),
    kebechetMerge(paths),
  ]) {
    const declared = ENTRY_WORKFLOWS[workflow.entry].parameters.filter((name) => name !== NAME_PARAMETER);
    expect(Object.keys(workflow.parameters).sort()).toEqual([...declared].sort());
  }
});

test('gh-analysis: the entities configured, the knowledge path, no Kebechet metrics (thoth-jobs.md §8)', () => {
  expect(repositoryAnalysis('thoth-station/adviser', ['PullRequest', 'Issue'], paths)).toEqual({
    entry: 'mi',
    repository: 'thoth-station/adviser',
    prefix: 'mi-thoth-station-adviser-analysis',
    parameters: {
      REPOSITORY: 'thoth-station/adviser',
      ENTITIES: 'PullRequest,Issue',
      KNOWLEDGE_PATH: 'thoth-prod/mi',
      MI_MERGE_PATH: '',
      MI_THOTH: '0',
      MI_MERGE: '0',
    },
  });
  // No entities configured: mi collects all.
  expect(repositoryAnalysis('thoth-station/adviser', [], paths).parameters.ENTITIES).toBe('');
});

test('kebechet-analysis: pull requests and issues, and the Kebechet metrics written where the merge sums them', () => {
  expect(kebechetAnalysis('AICoE/Elyra_Tutorial', paths)).toEqual({
    entry: 'mi',
    repository: 'AICoE/Elyra_Tutorial',
    prefix: 'mi-aicoe-elyra-tutorial-analysis-thoth',
    parameters: {
      REPOSITORY: 'AICoE/Elyra_Tutorial',
      ENTITIES: 'PullRequest,Issue',
      KNOWLEDGE_PATH: 'thoth-prod/mi',
      MI_MERGE_PATH: 'thoth-prod/thoth-sli-metrics/kebechet-update-manager',
      MI_THOTH: '1',
      MI_MERGE: '0',
    },
  });
});

test('kebechet-merge: one merge of the Kebechet metrics, no repository', () => {
  expect(kebechetMerge(dataPaths('thoth-prod', 'daily'))).toEqual({
    entry: 'mi-merge',
    repository: undefined,
    prefix: 'mi-merge-thoth',
    parameters: {
      REPOSITORY: '',
      ENTITIES: '',
      KNOWLEDGE_PATH: 'thoth-prod/mi/daily',
      MI_MERGE_PATH: 'thoth-prod/daily/thoth-sli-metrics/kebechet-update-manager',
      MI_THOTH: '1',
      MI_MERGE: '1',
    },
  });
});

test('repository names: owner/name, split; anything else is none', () => {
  expect(splitRepository('thoth-station/adviser')).toEqual({ owner: 'thoth-station', name: 'adviser' });
  expect(splitRepository(' AICoE/elyra.tutorial_1 ')).toEqual({ owner: 'AICoE', name: 'elyra.tutorial_1' });
  for (const bad of ['adviser', 'thoth-station/', '/adviser', 'a/b/c', '-owner/x', 'owner-/x', 'thoth station/adviser'])
    expect(splitRepository(bad)).toBeUndefined();
});

test('a repository set holds each repository once whatever its case, by the spelling met first', () => {
  const set = new RepositorySet();
  expect(set.add('AICoE/Foo')).toBe(true);
  expect(set.add('aicoe/foo')).toBe(false);
  expect(set.add('thoth-station/adviser')).toBe(true);
  expect(set.has('AICOE/FOO')).toBe(true);
  expect(set.values()).toEqual(['AICoE/Foo', 'thoth-station/adviser']);
  expect(set.size).toBe(2);
});
