import { optional } from '../../src/platform/argo/steps.js';
import { MI_CONTRACT } from '../contracts/images/mi.js';
import type { MiContext } from './context.js';
import { thothEnv } from '../shared/env.js';

/**
 * The parameter names a scheduler passes (docs/quirks.md Q38); the program reads them as
 * MI_<OPTION> (srcopsmetrics' click prefix). Paths are relative to the working directory and are
 * also the Ceph keys' prefix.
 */
const COMMON_PARAMETERS = [
  optional('REPOSITORY', ''),
  optional('ENTITIES', ''),
  optional('KNOWLEDGE_PATH', './srcopsmetrics/'),
  optional('MI_THOTH', '1'),
  optional('MI_MERGE', '0'),
];

/** Where the Kebechet metrics are: written by an analysis with MI_THOTH, summed by a merge. */
const MERGE_PATH = optional('MI_MERGE_PATH', './srcopsmetrics/metrics');

/** What an analysis takes: the common parameters and where its Kebechet metrics go. */
export const ANALYSIS_PARAMETERS = [...COMMON_PARAMETERS, MERGE_PATH];

/** What a merge takes: the common parameters and where the metrics it sums are (mi-scheduler passes the reference's path). */
export const MERGE_PARAMETERS = [...COMMON_PARAMETERS, MERGE_PATH];

/**
 * The program creates its knowledge directories in the directory it runs in, even when it stores to
 * Ceph: it runs in the pod's writable /tmp, by its path in the image.
 */
export const MI_COMMAND = ['python3', '/opt/app-root/src/srcopsmetrics/cli.py'];
export const MI_WORKDIR = '/tmp';

export const MI_RESOURCES = { requests: { cpu: '250m', memory: '512Mi' }, limits: { cpu: '1', memory: '2Gi' } };

/** The program's action, passed as its `--<mode>` flag and naming the contract's mode. */
export type MiMode = 'create-knowledge' | 'merge';

/** The environment of a step in a mode: the parameters as MI_ options, the GitHub token and Ceph. */
export function miEnv(context: MiContext, mode: MiMode) {
  return (
    thothEnv(context.env, MI_CONTRACT, mode)
      .secret('GITHUB_ACCESS_TOKEN', context.githubSecret, 'github-access-token')
      .literal('MI_REPOSITORY', '{{inputs.parameters.REPOSITORY}}')
      .literal('MI_ENTITIES', '{{inputs.parameters.ENTITIES}}')
      .literal('MI_KNOWLEDGE_PATH', '{{inputs.parameters.KNOWLEDGE_PATH}}')
      // The Ceph prefix is the one setting without a THOTH_ fallback in the program.
      .configMap('CEPH_BUCKET_PREFIX', 'ceph', 'bucket-prefix')
      .ceph()
      .common()
      .overrides(context.variables)
  );
}
