/**
 * Repository names as GitHub takes them: `owner/name`, compared without regard to case (GitHub's
 * names are case-insensitive, so `AICoE/foo` and `aicoe/foo` are one repository, which the
 * reference scheduled twice). Pure.
 */

/** A GitHub account name: letters, digits and single hyphens, at most 39 characters. */
export const GITHUB_OWNER_PATTERN = '[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}';
/** A repository's full name, owner/name. */
export const GITHUB_REPOSITORY_PATTERN = `${GITHUB_OWNER_PATTERN}/[A-Za-z0-9._-]{1,100}`;

const REPOSITORY = new RegExp(`^(${GITHUB_OWNER_PATTERN})/([A-Za-z0-9._-]{1,100})$`);

/** The owner and name of `owner/name`; undefined when it is not a repository's full name. */
export function splitRepository(fullName: string): { readonly owner: string; readonly name: string } | undefined {
  const match = REPOSITORY.exec(fullName.trim());
  return match === null ? undefined : { owner: match[1]!, name: match[2]! };
}

/** Repositories in the order first met, each once whatever its spelling; the first spelling is kept. */
export class RepositorySet {
  private readonly byKey = new Map<string, string>();

  /** Adds the repository; false when it was there already. */
  add(fullName: string): boolean {
    const key = fullName.toLowerCase();
    if (this.byKey.has(key)) return false;
    this.byKey.set(key, fullName);
    return true;
  }

  has(fullName: string): boolean {
    return this.byKey.has(fullName.toLowerCase());
  }

  get size(): number {
    return this.byKey.size;
  }

  values(): string[] {
    return [...this.byKey.values()];
  }
}
