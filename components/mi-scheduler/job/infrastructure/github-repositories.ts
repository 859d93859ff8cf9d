/**
 * The repositories GitHub has, through the runtime's client (src/runtime/github/client.ts: pages
 * followed, archived repositories set apart, 404 as "none", rate limits waited for). GitHub refusing
 * the credentials (401) is every call's failure, not one repository's: the run stops.
 */
import { type GitHub, GitHubError } from '../../../../src/runtime/github/client.js';
import { type OrganizationListing, type RepositoryHost, RunWideFailure } from '../application/schedule-mi.js';

export class GitHubRepositories implements RepositoryHost {
  constructor(private readonly github: Pick<GitHub, 'listRepositories' | 'repository'>) {}

  async organization(name: string): Promise<OrganizationListing | undefined> {
    const listing = await this.stopOnRefusedCredentials(() => this.github.listRepositories(name));
    return listing === undefined ? undefined : { repositories: listing.repositories.map((repository) => repository.fullName), archived: listing.archived };
  }

  async repository(owner: string, name: string): Promise<{ fullName: string; archived: boolean } | undefined> {
    const repository = await this.stopOnRefusedCredentials(() => this.github.repository(owner, name));
    return repository === undefined ? undefined : { fullName: repository.fullName, archived: repository.archived };
  }

  private async stopOnRefusedCredentials<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (error instanceof GitHubError && error.status === 401) throw new RunWideFailure(error.message, { cause: error });
      throw error;
    }
  }
}
