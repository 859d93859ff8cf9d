import type { Construct } from 'constructs';
import { documentArtifact } from '../workflow-core/artifacts.js';
import { optional, required } from '../../src/platform/argo/steps.js';
import type { TemplateHandle } from '../../src/platform/argo/workflow-template.js';
import { resolveResources } from '../../src/platform/pod.js';
import { REVSOLVER_CONTRACT } from '../contracts/images/revsolver.js';
import { thothImageOf } from '../image-tags.js';
import { type RevsolverContext, revsolverTemplate } from './context.js';
import { thothEnv } from '../shared/env.js';

/** Where revsolve writes its document, which it stores as its output artifact. */
const OUTPUT = '/mnt/output/document.json';

/** What revsolve takes: the id it stores the document under, the release, and the log level. */
const PARAMETERS = [
  required('THOTH_REVSOLVER_DOCUMENT_ID'),
  required('THOTH_REVSOLVER_PACKAGE_NAME'),
  required('THOTH_REVSOLVER_PACKAGE_VERSION'),
  optional('THOTH_LOG_REVSOLVER', 'INFO'),
];

/** revsolve: finds the packages that depend on a new release, run by the program's own account. */
export function addRevsolveTemplate(scope: Construct, context: RevsolverContext, serviceAccountName: string): TemplateHandle {
  const { env } = context;
  return revsolverTemplate(scope, context, 'revsolve').addContainer('revsolve', {
    image: thothImageOf(env, 'revsolver', context),
    parameters: PARAMETERS,
    serviceAccountName,
    env: thothEnv(env, REVSOLVER_CONTRACT)
      .literal('THOTH_REVSOLVER_OUTPUT', OUTPUT)
      .literal('THOTH_DOCUMENT_ID', '{{inputs.parameters.THOTH_REVSOLVER_DOCUMENT_ID}}')
      .field('THOTH_INFRA_NAMESPACE', 'metadata.namespace')
      .knowledgeGraph()
      .pushgateway()
      .common()
      .overrides(context.variables),
    outputArtifacts: [documentArtifact(env, 'outputdocument', OUTPUT, 'revsolver', '{{inputs.parameters.THOTH_REVSOLVER_DOCUMENT_ID}}')],
    writablePaths: ['/mnt/output'],
    resources: resolveResources({ requests: { cpu: '250m', memory: '512Mi' }, limits: { cpu: '1', memory: '1Gi' } }, context.resources),
    retryStrategy: { limit: '2', retryPolicy: 'Always' },
  });
}
