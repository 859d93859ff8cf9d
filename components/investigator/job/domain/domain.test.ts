import { parseSolver } from '../../../../src/runtime/python/solver.js';
import { InvalidMessage, requestId } from './orders.js';
import { kebechetAdministratorOrder, securityIndicatorsOrder, solverOrder } from './package-orders.js';
import { adviserOrder, buildAnalysisOrder, kebechetOrder, kebechetRunUrlOrder, packageExtractOrder, provenanceCheckerOrder } from './trigger-orders.js';
import { newestMatching, readVersionRequest } from './versions.js';

/** The fields a test gives, as the checked message a handler gets (the envelope added). */
const asMessage = <T>(fields: Record<string, unknown>): T => ({ component_name: 'test', service_version: '1', ...fields }) as T;

const pkg = { name: 'flask', version: '2.0.1', indexUrl: 'https://pypi.org/simple' };

describe('which versions a message asks for', () => {
  test.each([
    [null, { kind: 'matching', specifier: '' }],
    ['*', { kind: 'matching', specifier: '' }],
    ['', { kind: 'matching', specifier: '' }],
    ['2.0.1', { kind: 'exact', version: '2.0.1' }],
    ['==2.0.1', { kind: 'exact', version: '2.0.1' }],
    ['===2.0.1', { kind: 'exact', version: '2.0.1' }],
    ['2.0.0RC1', { kind: 'exact', version: '2.0.0rc1' }],
    ['>=1.0,<2', { kind: 'matching', specifier: '>=1.0,<2' }],
    ['==2.*', { kind: 'matching', specifier: '==2.*' }],
  ])('%p', (raw, request) => expect(readVersionRequest(raw)).toEqual(request));

  test('neither a version nor a specifier is an invalid message', () => {
    expect(() => readVersionRequest('latest please')).toThrow(InvalidMessage);
  });

  test('newest first by PEP 440, pre-releases included, invalid versions skipped, at most the limit', () => {
    const available = ['1.0', '10.0', '2.0rc1', '2.0', '1.10', 'nonsense', '1.9.post1'];
    expect(newestMatching(available, '', 10)).toEqual({ versions: ['10.0', '2.0', '1.10', '1.9.post1', '1.0'], omitted: 0 });
    expect(newestMatching(available, '>=1.5,<3', 2)).toEqual({ versions: ['2.0', '1.10'], omitted: 1 });
    // Pre-releases only where PEP 440 admits them: nothing final matches, or the specifier names one.
    expect(newestMatching(['2.0.0', '3.1.0rc1', '3.1.0b2'], '>=3', 5)).toEqual({ versions: ['3.1.0rc1', '3.1.0b2'], omitted: 0 });
    expect(newestMatching(['2.0.0', '3.1.0rc1'], '>=3.1.0rc1', 5).versions).toEqual(['3.1.0rc1']);
    expect(newestMatching(['1.0rc1'], '', 5).versions).toEqual(['1.0rc1']);
  });
});

describe('package workflows', () => {
  const solver = parseSolver('solver-rhel-8-py38');

  test('a solver for one version, no transitive dependencies, the enabled indexes for its dependencies', () => {
    expect(solverOrder(solver, pkg, { dependencyIndexes: ['https://pypi.org/simple', 'https://example.com/simple'], debug: false })).toEqual({
      workflow: 'solver',
      prefix: 'solver-rhel-8-py38',
      nameParameter: 'THOTH_SOLVER_WORKFLOW_ID',
      identity: ['THOTH_SOLVER_NAME', 'THOTH_SOLVER_PACKAGES', 'THOTH_SOLVER_INDEXES'],
      parameters: {
        THOTH_SOLVER_NAME: 'solver-rhel-8-py38',
        THOTH_SOLVER_PACKAGES: 'flask===2.0.1',
        THOTH_SOLVER_NO_TRANSITIVE: '1',
        THOTH_SOLVER_INDEXES: 'https://pypi.org/simple',
        THOTH_SOLVER_DEPENDENCY_INDEXES: 'https://pypi.org/simple,https://example.com/simple',
        THOTH_FORCE_SYNC: '0',
        THOTH_LOG_SOLVER: 'INFO',
      },
    });
  });

  test('security indicators aggregate with process_data', () => {
    expect(securityIndicatorsOrder(pkg).parameters.THOTH_SECURITY_INDICATORS_AGGREGATION_FUNCTION).toBe('process_data');
  });

  test('kebechet-administrator carries the base name of the message that asked, and empty optional fields', () => {
    expect(kebechetAdministratorOrder('cve-provided', { name: 'flask', indexUrl: 'https://pypi.org/simple' }).parameters).toEqual({
      THOTH_PACKAGE_NAME: 'flask',
      THOTH_PACKAGE_VERSION: '',
      THOTH_PACKAGE_INDEX: 'https://pypi.org/simple',
      THOTH_SOLVER_NAME: '',
      THOTH_MESSAGE_TYPE: 'thoth.cve-update.cve-provided',
    });
  });
});

describe('triggered runs', () => {
  test('a run is named after the job id the producer gave, else after the message, the same on every delivery', () => {
    expect(requestId('adviser', 'adviser-241124-abc', {})).toBe('adviser-241124-abc');
    const derived = requestId('adviser', null, { b: 1, a: [1, { y: 2, x: 1 }] });
    expect(derived).toMatch(/^adviser-[0-9a-f]{16}$/);
    expect(requestId('adviser', undefined, { a: [1, { x: 1, y: 2 }], b: 1 })).toBe(derived);
    expect(requestId('adviser', undefined, { a: [1, { x: 1, y: 2 }], b: 2 })).not.toBe(derived);
  });

  test('adviser: optional fields may be absent (the reference failed on them); limit and count only when given', () => {
    const order = adviserOrder(asMessage({ recommendation_type: 'stable', job_id: 'adviser-1', limit: 5, debug: true }));
    expect(order.name).toBe('adviser-1');
    expect(order.parameters).toMatchObject({
      THOTH_ADVISER_JOB_ID: 'adviser-1',
      THOTH_ADVISER_RECOMMENDATION_TYPE: 'stable',
      THOTH_ADVISER_LIMIT: '5',
      THOTH_LOG_ADVISER: 'DEBUG',
      THOTH_ADVISER_DEV: '0',
    });
    expect(order.parameters).not.toHaveProperty('THOTH_ADVISER_COUNT');
    expect(JSON.parse(order.parameters.THOTH_ADVISER_METADATA!)).toEqual({
      origin: null,
      re_run_adviser_id: null,
      source_type: null,
      kebechet_metadata: null,
      'thoth.adviser': { justification: null, stack_info: null },
    });
  });

  test('adviser: a new release passes the package to update; bad source types are refused', () => {
    const order = adviserOrder(
      asMessage({
        recommendation_type: 'latest',
        source_type: 'KEBECHET',
        origin: 'https://github.com/a/b',
        kebechet_metadata: { message_justification: 5, package_name: 'flask', package_version: '2.0.1', package_index: 'https://pypi.org/simple' },
      }),
    );
    expect(JSON.parse(order.parameters.THOTH_ADVISER_DEPLOYMENT_PACKAGE_UPDATE!)).toEqual({
      package_name: 'flask',
      package_version: '2.0.1',
      index_url: 'https://pypi.org/simple',
    });
    expect(() => adviserOrder(asMessage({ recommendation_type: 'latest', source_type: 'EMAIL' }))).toThrow(
      'source_type "EMAIL" is not one of CLI, KEBECHET, S2I, JUPYTER_NOTEBOOK',
    );
    expect(() => adviserOrder(asMessage({ recommendation_type: 'latest', source_type: 'KEBECHET' }))).toThrow(
      'source_type KEBECHET needs the origin repository',
    );
  });

  test('provenance checker: the id is also the document id; sources comma-joined', () => {
    const order = provenanceCheckerOrder(
      asMessage({
        job_id: 'provenance-checker-1',
        whitelisted_sources: ['https://pypi.org/simple', 'https://example.com/simple'],
        authenticated: true,
      }),
    );
    expect(order.parameters).toMatchObject({
      THOTH_PROVENANCE_CHECKER_JOB_ID: 'provenance-checker-1',
      THOTH_DOCUMENT_ID: 'provenance-checker-1',
      THOTH_WHITELISTED_SOURCES: 'https://pypi.org/simple,https://example.com/simple',
      THOTH_AUTHENTICATED_PROVENANCE_CHECK: '1',
    });
  });

  test('package extract: environment type checked, credentials only as a pair', () => {
    expect(
      packageExtractOrder(asMessage({ image: 'quay.io/a/b:1', environment_type: 'runtime', registry_user: 'u', registry_password: 'p', verify_tls: false }))
        .parameters,
    ).toMatchObject({
      THOTH_ANALYZED_IMAGE: 'quay.io/a/b:1',
      THOTH_REGISTRY_CREDENTIALS: 'u:p',
      THOTH_ANALYZER_NO_TLS_VERIFY: '1',
    });
    expect(() => packageExtractOrder(asMessage({ image: 'x', environment_type: 'desktop' }))).toThrow(
      'environment_type "desktop" is not one of runtime, buildtime',
    );
    expect(() => packageExtractOrder(asMessage({ image: 'x', environment_type: 'runtime', registry_user: 'u' }))).toThrow(
      'registry_user is set without registry_password',
    );
  });

  test('build analysis: needs something to analyse; ids it lacks are derived from its own', () => {
    expect(() => buildAnalysisOrder(asMessage({}))).toThrow('a build analysis needs base_image, output_image or buildlog_document_id');
    const order = buildAnalysisOrder(asMessage({ job_id: 'build-analysis-7', output_image: 'quay.io/a/b:1' }));
    expect(order.parameters).toMatchObject({
      THOTH_BUILD_ANALYSIS_OUTPUT_IMAGE_ANALYSIS_ID: 'package-extract-7-output',
      THOTH_BUILD_ANALYSIS_BASE_IMAGE_ANALYSIS_ID: '',
      THOTH_BUILD_ANALYSIS_BUILDLOG_PARSER_ID: '',
    });
  });

  test('kebechet: the slug is read where the user-api wraps the webhook body (the reference never found it)', () => {
    const order = kebechetOrder(
      asMessage({
        job_id: 'kebechet-job-1',
        webhook_payload: { event: 'push', service: 'github', payload: { repository: { full_name: 'thoth-station/kebechet' } } },
      }),
    );
    expect(order.parameters.KEBECHET_SLUG).toBe('thoth-station/kebechet');
  });

  test('kebechet-run-url: v2 passes `metadata` on, v1 `kebechet_metadata` (the reference sent null for v2)', () => {
    const metadata = { message_justification: 1, package_name: 'flask', package_version: '2.0.1', package_index: 'https://pypi.org/simple' };
    expect(
      JSON.parse(kebechetRunUrlOrder(asMessage({ url: 'https://github.com/a/b', service_name: 'github', metadata }), 'v2').parameters.KEBECHET_METADATA!),
    ).toEqual(metadata);
    expect(
      JSON.parse(
        kebechetRunUrlOrder(asMessage({ url: 'https://github.com/a/b', service_name: 'github', kebechet_metadata: metadata }), 'v1').parameters
          .KEBECHET_METADATA!,
      ),
    ).toEqual(metadata);
    expect(() => kebechetRunUrlOrder(asMessage({ service_name: 'github' }), 'v2')).toThrow(InvalidMessage);
  });
});
