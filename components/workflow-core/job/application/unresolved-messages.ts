/** The unresolved-package messages of what an adviser or a provenance checker could not find, each package once. */
import { fileMessage, type FileMessage } from '../domain/messages-file.js';
import type { UnresolvedPackage } from '../domain/unresolved-packages.js';

export function unresolvedPackageMessages(
  packages: readonly UnresolvedPackage[],
  solver: string | undefined,
  sender: { readonly componentName: string; readonly serviceVersion: string },
): FileMessage[] {
  const seen = new Set<string>();
  return packages.flatMap((pkg) => {
    const key = JSON.stringify([pkg.name, pkg.version, pkg.indexUrl]);
    if (seen.has(key)) return [];
    seen.add(key);
    return [
      fileMessage('unresolved-package', {
        component_name: sender.componentName,
        service_version: sender.serviceVersion,
        version: 'v1',
        package_name: pkg.name,
        package_version: pkg.version ?? null,
        index_url: pkg.indexUrl,
        solver: solver ?? null,
      }),
    ];
  });
}
