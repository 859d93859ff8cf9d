import { Command, Option } from 'commander';
import { check } from './check.js';
import { diff } from './diff.js';
import { EXIT, type Format, type Io } from './io.js';
import { synth } from './synth.js';
import { validate } from './validate.js';

const EXIT_CODES_HELP = `
Exit codes:
  ${EXIT.ok}  success
  ${EXIT.userError}  bad input (an environment file, an option or an environment name); the message says what to fix
  ${EXIT.findings}  findings: validate found problems, check found problems or a stale generated/
  ${EXIT.bug}  unexpected error: a bug in thoth-gitops (the stack is printed)`;

const EXAMPLES_HELP = `
Examples:
  $ thoth-gitops synth                    render every environment into generated/
  $ thoth-gitops synth --env prod         render only prod
  $ thoth-gitops validate --format json   check every object, report as JSON
  $ thoth-gitops check                    what CI runs: validate, then prove generated/ is up to date
  $ thoth-gitops diff                     what this branch changes in generated/, per environment and application
  $ thoth-gitops diff --base v1 --head v2 --format markdown --out-dir diff/   a PR comment per part`;

const collect = (value: string, previous: string[]): string[] => [...previous, value];

function envOption(): Option {
  return new Option('-e, --env <name>', 'an environment (the name of environments/<name>.yaml); repeat for several; default: all')
    .argParser(collect)
    .default([]);
}

function formatOption(): Option {
  return new Option('--format <format>', 'report format: text (grouped, coloured on a terminal), json, or github (annotations in a GitHub workflow)').choices(['text', 'json', 'github']).default('text');
}

function cwdOption(): Option {
  return new Option('--cwd <dir>', 'the repository root').default(process.cwd(), 'the current directory');
}

/**
 * The thoth-gitops program. Each action stores its exit code in `result.code`; commander errors
 * (unknown option, --help) are thrown as CommanderError, because the caller owns the process.
 */
export function createProgram(io: Io, result: { code: number }): Command {
  const program = new Command('thoth-gitops')
    .description('Render, validate and check the Thoth platform’s GitOps manifests.')
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText('after', `${EXIT_CODES_HELP}\n${EXAMPLES_HELP}`);

  program
    .command('synth')
    .description('render environments into generated/<env>/<application>/, one object per file')
    .addOption(envOption())
    .addOption(cwdOption())
    .addHelpText('after', EXIT_CODES_HELP)
    .action(async (options: { env: string[]; cwd: string }) => {
      result.code = await synth(options, io);
    });

  program
    .command('validate')
    .description('render in memory and check environment files and every object (schemas, namespaces, labels, secrets)')
    .addOption(envOption())
    .addOption(formatOption())
    .addOption(cwdOption())
    .addHelpText('after', EXIT_CODES_HELP)
    .action(async (options: { env: string[]; cwd: string; format: Format }) => {
      result.code = await validate(options, io);
    });

  program
    .command('check')
    .description('validate, then fail (exit 2) listing every file of generated/ that differs from what the code renders')
    .addOption(envOption())
    .addOption(formatOption())
    .addOption(cwdOption())
    .addHelpText('after', EXIT_CODES_HELP)
    .action(async (options: { env: string[]; cwd: string; format: Format }) => {
      result.code = await check(options, io);
    });

  program
    .command('diff')
    .description('what changed in the rendered manifests between two git refs (default: the merge base with the default branch, and the working tree), per environment and Argo CD Application, field by field, credentials redacted')
    .addOption(envOption())
    .option('--base <ref>', 'the git ref to compare from (default: the merge base with origin/HEAD or main)')
    .option('--head <ref>', 'the git ref to compare to (default: generated/ in the working tree)')
    .addOption(new Option('--format <format>', 'report format').choices(['text', 'markdown', 'json']).default('text'))
    .option('--exit-code', 'exit 2 when something changed, as git diff --exit-code', false)
    .option('--out-dir <dir>', 'markdown: also write each part (under 60,000 characters) to <dir>/diff-<n>.md')
    .addOption(cwdOption())
    .addHelpText('after', EXIT_CODES_HELP)
    .action(async (options: { env: string[]; cwd: string; base?: string; head?: string; format: 'text' | 'markdown' | 'json'; exitCode: boolean; outDir?: string }) => {
      result.code = await diff(options, io);
    });

  return program;
}
