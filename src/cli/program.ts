import { Command, Option } from 'commander';
import { parseDuration } from './duration.js';
import packageJson from '../../package.json' with { type: 'json' };
import { EXIT, type Format, type Io } from './io.js';
import { repositoryRoot } from './repository-root.js';
import type { Platforms } from '../synth/platform.js';

/** What the composition root adds besides its platforms. */
export interface CliParts {
  /** The module of the helper thread of synth, validate and check, bundled beside the CLI (src/synth/helper-thread.ts). */
  readonly helper?: URL;
}

const helperOf = (parts: CliParts) => (parts.helper === undefined ? {} : { helperEntry: parts.helper });

const EXIT_CODES_HELP = `
Exit codes:
  ${EXIT.ok}  success
  ${EXIT.userError}  bad input (an environment file, an option or an environment name); the message says what to fix
  ${EXIT.findings}  findings: validate found problems, check found problems or a stale generated/
  ${EXIT.bug}  unexpected error: a bug in thoth-gitops (the stack is printed)`;

const DEPLOY_EXIT_CODES_HELP = `
Exit codes:
  ${EXIT.ok}  every Application is Synced at the expected commit and Healthy
  ${EXIT.userError}  bad input, or the API server cannot be reached or refuses the credentials (one line says which)
  ${EXIT.findings}  not deployed: a preflight check failed (nothing applied), the bootstrap was refused, a sync failed, an
     Application is Degraded, or a wave outlasted --timeout; the unhealthy resources are listed
  ${EXIT.bug}  unexpected error: a bug in thoth-gitops (the stack is printed)
  ${EXIT.interrupted}  Ctrl-C stopped the waiting; the cluster is left as it is`;

const EXAMPLES_HELP = `
Examples:
  $ thoth-gitops synth                    render every environment into generated/
  $ thoth-gitops synth --env prod         render only prod
  $ thoth-gitops render --env test --app graph | kubectl apply --dry-run=server -f -   one Application, as the API server sees it
  $ thoth-gitops validate --format json   check every object, report as JSON
  $ thoth-gitops check                    what CI runs: validate, then prove generated/ is up to date
  $ thoth-gitops diff                     what this branch changes in generated/, per environment and application
  $ thoth-gitops diff --base v1 --head v2 --format markdown --out-dir diff/   a PR comment per part
  $ thoth-gitops deploy --env prod        bootstrap Argo CD's view of prod, sync it wave by wave, wait until healthy
  $ thoth-gitops status --env stage       where stage stands: sync, health and revision of each Application`;

const collect = (value: string, previous: string[]): string[] => [...previous, value];

function envOption(): Option {
  return new Option('-e, --env <name>', 'an environment (the name of environments/<name>.yaml); repeat for several; default: all')
    .argParser(collect)
    .default([]);
}

function formatOption(): Option {
  return new Option('--format <format>', 'report format: text (grouped, coloured on a terminal), json, or github (annotations in a GitHub workflow)')
    .choices(['text', 'json', 'github'])
    .default('text');
}

function singleEnvOption(): Option {
  return new Option('-e, --env <name>', 'the environment (the name of environments/<name>.yaml)').makeOptionMandatory();
}

function contextOption(): Option {
  return new Option(
    '--context <name>',
    "the kubeconfig context (KUBECONFIG, else ~/.kube/config, else the pod's service account); default: the current context",
  );
}

function cwdOption(): Option {
  return new Option('--cwd <dir>', 'a folder of the repository; commands run at its root, the nearest folder upward that holds environments/')
    .default(repositoryRoot(process.cwd()), 'the root above the current folder')
    .argParser(repositoryRoot);
}

/** What every command's action is given. */
interface ProgramContext {
  /** Each loaded when an environment of it is: `--help` and a mistyped option load none. */
  readonly platforms: Platforms;
  readonly parts: CliParts;
  readonly io: Io;
  /** Where an action stores its exit code. */
  readonly result: { code: number };
}

/**
 * The thoth-gitops program for the environments of `platforms`. Each action loads its command's
 * code and the platforms it meets when it runs (a start loads only what its command needs) and stores its
 * exit code in `result.code`; commander errors (unknown option, --help) are thrown as
 * CommanderError, because the caller owns the process.
 */
export function createProgram(platforms: Platforms, io: Io, result: { code: number }, parts: CliParts = {}): Command {
  const program = new Command('thoth-gitops')
    .description(`Render, validate, diff and deploy the GitOps manifests of every environment of ${platforms.names.join(' and ')}.`)
    // Bundled into the CLI when it is built: nothing is read at run time.
    .version(packageJson.version)
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText('after', `${EXIT_CODES_HELP}\n${EXAMPLES_HELP}`);
  const context: ProgramContext = { platforms, parts, io, result };
  addSynthCommand(program, context);
  addRenderCommand(program, context);
  addValidateCommand(program, context);
  addCheckCommand(program, context);
  addDiffCommand(program, context);
  addDeployCommand(program, context);
  addStatusCommand(program, context);
  return program;
}

/** The `synth` command: its options, help and action. */
function addSynthCommand(program: Command, { platforms, parts, io, result }: ProgramContext): void {
  program
    .command('synth')
    .description('render environments into generated/<env>/<application>/, one object per file')
    .addOption(envOption())
    .addOption(cwdOption())
    .addHelpText('after', EXIT_CODES_HELP)
    .action(async (options: { env: string[]; cwd: string }) => {
      const { synth } = await import('./synth.js');
      result.code = await synth({ ...options, platforms, ...helperOf(parts) }, io);
    });
}

/** The `render` command: its options, help and action. */
function addRenderCommand(program: Command, { platforms, io, result }: ProgramContext): void {
  program
    .command('render')
    .description(
      "print an environment's objects, or one Argo CD Application's, as a multi-document YAML stream: the documents synth writes to generated/, applications by sync wave, for kubectl apply -f -, kubeconform or a look",
    )
    .addOption(singleEnvOption())
    .option('--app <name>', 'only this Argo CD Application (a folder of generated/<env>/); default: all')
    .addOption(cwdOption())
    .addHelpText('after', EXIT_CODES_HELP)
    .action(async (options: { env: string; app?: string; cwd: string }) => {
      const { render } = await import('./render.js');
      result.code = await render({ ...options, platforms }, io);
    });
}

/** The `validate` command: its options, help and action. */
function addValidateCommand(program: Command, { platforms, parts, io, result }: ProgramContext): void {
  program
    .command('validate')
    .description('render in memory and check environment files and every object (schemas, namespaces, labels, secrets)')
    .addOption(envOption())
    .addOption(formatOption())
    .option('--base <ref>', 'also report each change since this git ref that the API server refuses as an update (an immutable field), with what to do instead')
    .addOption(cwdOption())
    .addHelpText('after', EXIT_CODES_HELP)
    .action(async (options: { env: string[]; cwd: string; format: Format; base?: string }) => {
      const { validate } = await import('./validate.js');
      result.code = await validate({ ...options, platforms, ...helperOf(parts) }, io);
    });
}

/** The `check` command: its options, help and action. */
function addCheckCommand(program: Command, { platforms, parts, io, result }: ProgramContext): void {
  program
    .command('check')
    .description('validate, then fail (exit 2) listing every file of generated/ that differs from what the code renders')
    .addOption(envOption())
    .addOption(formatOption())
    .addOption(cwdOption())
    .addHelpText('after', EXIT_CODES_HELP)
    .action(async (options: { env: string[]; cwd: string; format: Format }) => {
      const { check } = await import('./check.js');
      result.code = await check({ ...options, platforms, ...helperOf(parts) }, io);
    });
}

/** The `diff` command: its options, help and action. */
function addDiffCommand(program: Command, { io, result }: ProgramContext): void {
  program
    .command('diff')
    .description(
      'what changed in the rendered manifests between two git refs (default: the merge base with the default branch, and the working tree), per environment and Argo CD Application, field by field (a long value as a word diff), added objects with their YAML, updates the API server refuses flagged with what to do instead, credentials redacted',
    )
    .addOption(envOption())
    .option('--base <ref>', 'the git ref to compare from (default: the merge base with origin/HEAD or main)')
    .option('--head <ref>', 'the git ref to compare to (default: generated/ in the working tree)')
    .addOption(new Option('--format <format>', 'report format').choices(['text', 'markdown', 'json']).default('text'))
    .option('--exit-code', 'exit 2 when something changed, as git diff --exit-code', false)
    .option('--out-dir <dir>', 'markdown: also write each part (under 60,000 characters) to <dir>/diff-<n>.md')
    .addOption(cwdOption())
    .addHelpText('after', EXIT_CODES_HELP)
    .action(
      async (options: {
        env: string[];
        cwd: string;
        base?: string;
        head?: string;
        format: 'text' | 'markdown' | 'json';
        exitCode: boolean;
        outDir?: string;
      }) => {
        const { diff } = await import('./diff.js');
        result.code = await diff(options, io);
      },
    );
}

/** The `deploy` command: its options, help and action. */
function addDeployCommand(program: Command, { platforms, io, result }: ProgramContext): void {
  program
    .command('deploy')
    .description(
      'deploy an environment through Argo CD: preflight (generated/ checked and committed at the revision Argo CD syncs, every kind served, every image in its registry), server-side apply of the AppProjects, the root Application and the Application health check in argocd-cm, then each wave synced (by hand where the policy is manual) and waited for until Synced at the commit and Healthy',
    )
    .addOption(singleEnvOption())
    .addOption(contextOption())
    .option(
      '--destination-context <name>',
      "the kubeconfig context of the cluster the environment deploys to (argocd.destinationServer), where that is not Argo CD's own: the preflight checks its kinds and Kubernetes version there; default: they are not checked",
    )
    .option('--dry-run', 'preflight, a server-side dry run of the bootstrap, and the Applications that would be synced; nothing changes', false)
    .addOption(
      new Option('--timeout <duration>', 'how long one wave may take, such as 90s, 10m or 1h')
        .default(10 * 60_000, '10m')
        .argParser(parseDuration('--timeout')),
    )
    .addOption(
      new Option('--format <format>', 'text (a live table on a terminal, a line per change otherwise) or json (the report at the end; progress on stderr)')
        .choices(['text', 'json'])
        .default('text'),
    )
    .option('--force-conflicts', 'take over fields of the bootstrap objects that another field manager owns with other values', false)
    .addOption(
      new Option(
        '--registry-mirror <registry=mirror>',
        'check images of <registry> at <mirror> (hosts with an optional port), as a cluster behind a pull-through cache pulls them; repeat for several',
      )
        .argParser(collect)
        .default([]),
    )
    .addOption(new Option('--insecure-registry <host>', 'speak plain http to this registry (host:port); repeat for several').argParser(collect).default([]))
    .option('--skip-image-check', 'do not ask the registries whether the images exist (a registry deploy cannot reach)', false)
    .addOption(cwdOption())
    .addHelpText('after', DEPLOY_EXIT_CODES_HELP)
    .action(
      async (options: {
        env: string;
        context?: string;
        destinationContext?: string;
        dryRun: boolean;
        timeout: number;
        format: 'text' | 'json';
        forceConflicts: boolean;
        registryMirror: string[];
        insecureRegistry: string[];
        skipImageCheck: boolean;
        cwd: string;
      }) => {
        const { deploy } = await import('./deploy.js');
        const interrupt = new AbortController();
        // The first Ctrl-C stops the waiting and reports; a second one ends the process as usual.
        const onInterrupt = () => interrupt.abort();
        process.once('SIGINT', onInterrupt);
        try {
          result.code = await deploy({ ...options, platforms, timeoutMs: options.timeout, signal: interrupt.signal }, io);
        } finally {
          process.removeListener('SIGINT', onInterrupt);
        }
      },
    );
}

/** The `status` command: its options, help and action. */
function addStatusCommand(program: Command, { platforms, io, result }: ProgramContext): void {
  program
    .command('status')
    .description(
      "where an environment stands: each Application's wave, sync, health and revision against the commit Argo CD should be at, and the resources out of sync or unhealthy",
    )
    .addOption(singleEnvOption())
    .addOption(contextOption())
    .option('--revision <commit>', 'compare with this commit instead of what argocd.repoURL at argocd.targetRevision names now')
    .addOption(new Option('--format <format>', 'report format').choices(['text', 'json']).default('text'))
    .addOption(cwdOption())
    .addHelpText(
      'after',
      `
Exit codes:
  ${EXIT.ok}  every Application is Synced at the expected commit and Healthy
  ${EXIT.userError}  bad input, or the API server or the git remote cannot be reached
  ${EXIT.findings}  an Application is not Synced at the expected commit, or not Healthy`,
    )
    .action(async (options: { env: string; context?: string; revision?: string; format: 'text' | 'json'; cwd: string }) => {
      const { status } = await import('./status.js');
      result.code = await status({ ...options, platforms }, io);
    });
}
