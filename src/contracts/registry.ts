/**
 * Which contract an image reference is held to: the contract whose repository ends the image's path
 * (so a mirror registry matches too) and whose tags hold the image's tag.
 */
import type { ImageContract } from './model.js';

export interface ImageReference {
  readonly text: string;
  /** The path without the registry host: `thoth-station/adviser`. */
  readonly repository: string;
  readonly tag?: string;
  readonly digest?: string;
}

/** A content tag of an image built here (src/images/plan.ts): 12 hex characters. */
const CONTENT_TAG = /^[0-9a-f]{12}$/;

export function parseImage(text: string): ImageReference {
  const [name, digest] = text.split('@') as [string, string | undefined];
  const slash = name.lastIndexOf('/');
  const colon = name.lastIndexOf(':');
  const tag = colon > slash ? name.slice(colon + 1) : undefined;
  const path = colon > slash ? name.slice(0, colon) : name;
  const parts = path.split('/');
  // The first part is a registry host when it has a dot or a port, or is localhost (Docker's rule).
  const hasHost = parts.length > 1 && (/[.:]/.test(parts[0]!) || parts[0] === 'localhost');
  const names = hasHost ? parts.slice(1) : parts;
  // Docker Hub's official images live under library/, whether or not the host is written.
  const repository = names.length === 1 ? `library/${names[0]}` : names.join('/');
  return { text, repository, ...(tag === undefined ? {} : { tag }), ...(digest === undefined ? {} : { digest }) };
}

const globPart = (pattern: string): RegExp =>
  new RegExp(
    `^${pattern
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );

/** Each contract's repository as one pattern per path part, compiled once. */
const compiled = new WeakMap<ImageContract, RegExp[]>();
const partsOf = (contract: ImageContract): RegExp[] => {
  let parts = compiled.get(contract);
  if (parts === undefined) compiled.set(contract, (parts = contract.repository.split('/').map(globPart)));
  return parts;
};

function repositoryMatches(contract: ImageContract, image: ImageReference): boolean {
  const wanted = partsOf(contract);
  const have = image.repository.split('/');
  if (have.length < wanted.length) return false;
  const tail = have.slice(have.length - wanted.length);
  return wanted.every((part, index) => part.test(tail[index]!));
}

function tagMatches(contract: ImageContract, image: ImageReference): boolean {
  if (contract.tags === 'any') return true;
  if (image.tag === undefined) return false;
  if (contract.tags === 'built-here') return CONTENT_TAG.test(image.tag);
  return contract.tags.includes(image.tag);
}

export type ContractMatch = { readonly contract: ImageContract } | { readonly problem: string };

export function contractFor(image: ImageReference, contracts: readonly ImageContract[]): ContractMatch {
  const candidates = contracts.filter((contract) => repositoryMatches(contract, image));
  const contract = candidates.find((candidate) => tagMatches(candidate, image));
  if (contract !== undefined) return { contract };
  if (candidates.length === 0) {
    return { problem: `runs ${image.text}, which has no contract: write its contract from the program's source at that tag, and add it to the platform's` };
  }
  const held = candidates.map((candidate) => (Array.isArray(candidate.tags) ? candidate.tags.join(', ') : candidate.tags)).join('; ');
  return {
    problem: `runs ${image.text}, but the contract of ${image.repository} was read at ${held}, not ${image.tag ?? image.digest ?? 'an untagged image'}: read the program at that tag and add it to the contract (or write one for it)`,
  };
}
