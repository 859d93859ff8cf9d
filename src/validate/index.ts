/** Validates rendered environments: schemas and policy, every finding reported at once. */
import type { RenderedEnvironment } from '../synth/manifest.js';
import { GENERATED_DIR } from '../synth/paths.js';
import type { Finding } from './findings.js';
import { policyProblems } from './policy.js';
import { schemaProblems } from './schemas.js';

export async function validateEnvironments(environments: readonly RenderedEnvironment[]): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (const env of environments) {
    for (const application of env.applications) {
      for (const object of application.objects) {
        const { manifest } = object;
        const at = {
          environment: env.name,
          application: application.name,
          file: `${GENERATED_DIR}/${env.name}/${object.file}`,
          kind: manifest.kind,
          name: manifest.metadata.name,
          constructPath: object.constructPath,
          ...(manifest.metadata.namespace === undefined ? {} : { namespace: manifest.metadata.namespace }),
        };
        for (const message of await schemaProblems(manifest)) findings.push({ ...at, rule: 'schema', message });
        for (const problem of policyProblems(manifest)) findings.push({ ...at, ...problem });
      }
    }
  }
  return findings;
}
