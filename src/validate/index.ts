/** Validates rendered environments: schemas, policy and references, every finding reported at once. */
import type { RenderedEnvironment, RenderedObject } from '../synth/manifest.js';
import { GENERATED_DIR } from '../synth/paths.js';
import type { Finding } from './findings.js';
import { policyProblems } from './policy.js';
import { referenceProblems } from './references.js';
import { workflowReferenceProblems } from './workflow-references.js';
import { schemaProblems } from './schemas.js';

export async function validateEnvironments(environments: readonly RenderedEnvironment[]): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (const env of environments) {
    for (const application of env.applications) {
      for (const object of application.objects) {
        const at = locate(env, object);
        for (const message of await schemaProblems(object.manifest)) findings.push({ ...at, rule: 'schema', message });
        for (const problem of policyProblems(object.manifest)) findings.push({ ...at, ...problem });
      }
    }
    for (const { object, message } of [...referenceProblems(env), ...workflowReferenceProblems(env)]) {
      findings.push({ ...locate(env, object), rule: 'reference', message });
    }
  }
  return findings;
}

function locate(env: RenderedEnvironment, object: RenderedObject): Omit<Finding, 'rule' | 'message'> {
  const { manifest } = object;
  return {
    environment: env.name,
    application: object.application,
    file: `${GENERATED_DIR}/${env.name}/${object.file}`,
    kind: manifest.kind,
    name: manifest.metadata.name,
    constructPath: object.constructPath,
    ...(manifest.metadata.namespace === undefined ? {} : { namespace: manifest.metadata.namespace }),
  };
}
