/**
 * Where an advise came from, for the adviser workflow's `when` conditions (trigger_integration,
 * thoth-station/workflow-helpers v0.9.16 select_thoth_integration.py): the request metadata's
 * source_type and, for Kebechet, the repository it advises and its git service.
 */

/** The integrations the adviser records (thoth-common v0.36.6 ThothAdviserIntegrationEnum, and the graph's GITHUB_APP). */
export const SOURCE_TYPES = ['CLI', 'KEBECHET', 'S2I', 'GITHUB_APP', 'JUPYTER_NOTEBOOK'] as const;

/** The git services Kebechet serves (its run-url's `--service`). */
const GIT_SERVICES = ['github', 'gitlab', 'pagure'] as const;

/** The step's three output parameters; empty where the advise has none. */
export interface Integration {
  readonly sourceType: string;
  readonly origin: string;
  readonly gitService: string;
}

export interface ReadIntegration {
  readonly integration: Integration;
  /** What the metadata had that the step could not use, for the log. */
  readonly problems: readonly string[];
}

const NONE: Integration = { sourceType: '', origin: '', gitService: '' };

/**
 * The reference wrote the user-given source_type as it was, into a parameter a `when` expression
 * quotes (an injection), crashed on metadata without source_type or a Kebechet one without origin,
 * and took the git service to be the host's second-to-last label (gitlab.cee.redhat.com → redhat).
 * Here only a known source type is written, a Kebechet origin must be an http(s) URL, and the
 * service is the host's label that names one (docs/quirks.md Q52).
 */
export function readIntegration(metadata: unknown): ReadIntegration {
  if (metadata === null || typeof metadata !== 'object' || Array.isArray(metadata))
    return { integration: NONE, problems: metadata === null ? [] : ['the metadata is not an object'] };
  const { source_type: sourceType, origin } = metadata as Record<string, unknown>;
  if (sourceType === undefined || sourceType === null || sourceType === '') return { integration: NONE, problems: [] };
  if (!(SOURCE_TYPES as readonly unknown[]).includes(sourceType)) {
    return { integration: NONE, problems: [`source_type ${JSON.stringify(sourceType)} is none of ${SOURCE_TYPES.join(', ')}`] };
  }
  if (sourceType !== 'KEBECHET') return { integration: { ...NONE, sourceType: sourceType as string }, problems: [] };
  const repository = repositoryUrl(origin);
  if (repository === undefined)
    return { integration: { ...NONE, sourceType: 'KEBECHET' }, problems: [`origin ${JSON.stringify(origin)} is not an http(s) URL`] };
  const service = repository.hostname.split('.').find((label): label is (typeof GIT_SERVICES)[number] => (GIT_SERVICES as readonly string[]).includes(label));
  if (service === undefined) {
    return {
      integration: { ...NONE, sourceType: 'KEBECHET', origin: repository.href },
      problems: [`origin's host ${repository.hostname} names none of ${GIT_SERVICES.join(', ')}`],
    };
  }
  return { integration: { sourceType: 'KEBECHET', origin: repository.href, gitService: service }, problems: [] };
}

function repositoryUrl(origin: unknown): URL | undefined {
  if (typeof origin !== 'string' || !URL.canParse(origin)) return undefined;
  const parsed = new URL(origin);
  return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed : undefined;
}
