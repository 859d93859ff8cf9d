import type { Construct } from 'constructs';
import type { WorkflowsComponentProps } from '../shared/component.js';
import type { ImageContract } from '../../src/contracts/model.js';
import type { WorkflowTemplate } from '../../src/platform/argo/workflow-template.js';
import { workflowTemplateOf } from '../workflow-core/index.js';
import { thothEnv } from '../shared/env.js';
import { DOWNLOAD_OUTPUTS, DOWNLOAD_WORKDIR } from '../workflow-core/job/contract.js';

/** What each security-indicators template is built from: the component's props. */
export type SecurityIndicatorsContext = WorkflowsComponentProps;

/** The analysers' requests and limits (bandit's and cloc's), unless the environment sets others. */
export const ANALYSER_RESOURCES = { requests: { cpu: '250m', memory: '512Mi' }, limits: { cpu: '1', memory: '2Gi' } };

/**
 * download-package works in /mnt/workdir (it extracts the release into /mnt/workdir/package and
 * leaves its status and message there): the workflow's claimed volume is mounted there, and the
 * analysers read the package from it.
 */
export const WORKDIR = DOWNLOAD_WORKDIR;
export const PACKAGE_DIR = `${WORKDIR}/${DOWNLOAD_OUTPUTS.package}`;
export const PACKAGE_VOLUME = 'package';
/** Where download-package leaves the message that the version has no usable release. */
export const DOWNLOAD_MESSAGE = `${WORKDIR}/${DOWNLOAD_OUTPUTS.message}`;
/** Mounts the workflow's package volume on a step. */
export const PACKAGE_MOUNT = { volumeMounts: [{ name: PACKAGE_VOLUME, mountPath: WORKDIR }] };

/** A WorkflowTemplate of the component, named as its construct, run by the workflow account. */
export function securityIndicatorsTemplate(scope: Construct, context: SecurityIndicatorsContext, name: string): WorkflowTemplate {
  return workflowTemplateOf(scope, 'security-indicators', context, name);
}

/** The environment of an analysis step: Ceph, the Pushgateway, the common variables and the component's overrides. */
export function analysisEnv({ env, variables }: SecurityIndicatorsContext, contract: ImageContract) {
  return thothEnv(env, contract).ceph().pushgateway().common().overrides(variables);
}
