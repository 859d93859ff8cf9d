/**
 * The `immutable-field` findings of `validate --base <ref>`: each object whose rendering changes,
 * since generated/ at the ref, a field the API server does not update (src/diff/immutable-fields.ts),
 * with what to do instead. The base is read as `diff` reads it: from git, without a checkout.
 */
import { UserError } from '../errors.js';
import { identity, objectsOf, type TreeObject } from '../diff/objects.js';
import { refusedUpdates } from '../diff/refused-updates.js';
import { GitError, treeAtRef } from '../diff/sources.js';
import type { RenderedEnvironment } from '../synth/manifest.js';
import { GENERATED_DIR } from '../synth/paths.js';
import type { Finding } from './findings.js';

/**
 * The findings of one environment against generated/ at `base`, which is read once, here: a ref
 * that is no commit fails at once, before any environment is rendered.
 */
export function immutableFieldsSince(cwd: string, base: string): (env: RenderedEnvironment) => Finding[] {
  const before = baseObjects(cwd, base);
  return (env) =>
    env.applications.flatMap((application) =>
      application.objects.flatMap((object) => {
        const { kind, metadata } = object.manifest;
        const old = before.get(identity({ env: env.name, kind, namespace: metadata.namespace, name: metadata.name }));
        if (old === undefined) return [];
        return refusedUpdates({ kind, namespace: metadata.namespace, name: metadata.name }, old.body, object.manifest).map(
          (refused): Finding => ({
            environment: env.name,
            application: object.application,
            file: `${GENERATED_DIR}/${env.name}/${object.file}`,
            kind,
            name: metadata.name,
            ...(metadata.namespace === undefined ? {} : { namespace: metadata.namespace }),
            constructPath: object.constructPath,
            rule: 'immutable-field',
            // The change may be right: it needs the procedure by hand, which the reviewer must see.
            severity: 'warning',
            message: `${refused.fields.join(', ')} changed since ${base}, and ${refused.why}; to apply it: ${refused.procedure}`,
          }),
        );
      }),
    );
}

function baseObjects(cwd: string, base: string): Map<string, TreeObject> {
  try {
    return objectsOf(treeAtRef(cwd, base));
  } catch (error) {
    if (error instanceof GitError) throw new UserError(`--base: ${error.message}`);
    throw error;
  }
}
