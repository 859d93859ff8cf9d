/**
 * Values no two environment files may hold, whatever clusters they run on, as their platforms declare
 * them (`Platform.claims`): an identity something outside the cluster gives once, such as the id the
 * Ryax UI gives a site, which two workers must never both register. A copied file holds every claim of
 * its original; each holder is told at its own line, naming the others.
 */
import type { Problem } from '../errors.js';
import type { KeyPath, YamlSource } from './yaml-source.js';

export interface EnvironmentClaim {
  /** What the value is, in words, and what it is unique among: "Ryax site id". Platforms that share a space name it alike. */
  readonly what: string;
  readonly value: string;
  /** Where the file holds it. */
  readonly keyPath: KeyPath;
  /** Why one environment each, told to the holders. */
  readonly why: string;
}

export interface ClaimingEnvironment {
  readonly file: string;
  readonly source: YamlSource;
  readonly claims: readonly EnvironmentClaim[];
}

export function claimProblems(environments: readonly ClaimingEnvironment[]): Problem[] {
  const holders = new Map<string, { env: ClaimingEnvironment; claim: EnvironmentClaim }[]>();
  for (const env of environments) {
    for (const claim of env.claims) {
      const key = `${claim.what}\u0000${claim.value}`;
      holders.set(key, [...(holders.get(key) ?? []), { env, claim }]);
    }
  }
  // One file holding a value twice is its own rules' to refuse (a site's node pools each have their own id).
  return [...holders.values()].flatMap((claimants) =>
    new Set(claimants.map(({ env }) => env.file)).size < 2
      ? []
      : claimants.map(({ env, claim }) => {
          const others = claimants.filter((other) => other.env.file !== env.file).map((other) => other.env.file);
          return env.source.problemFor(claim.keyPath, `"${claim.value}" is also the ${claim.what} of ${[...new Set(others)].join(', ')}: ${claim.why}`);
        }),
  );
}
