import { Command, Option } from 'commander';
import { check } from './check.js';
import { EXIT, type Io } from './io.js';
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
  $ thoth-gitops check                    what CI runs: validate, then prove generated/ is up to date`;

const collect = (value: string, previous: string[]): string[] => [...previous, value];

function envOption(): Option {
  return new Option('-e, --env <name>', 'an environment (the name of environments/<name>.yaml); repeat for several; default: all')
    .argParser(collect)
    .default([]);
}

function formatOption(): Option {
  return new Option('--format <format>', 'report format').choices(['text', 'json']).default('text');
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
    .action(async (options: { env: string[]; cwd: string; format: 'text' | 'json' }) => {
      result.code = await validate(options, io);
    });

  program
    .command('check')
    .description('validate, then fail (exit 2) listing every file of generated/ that differs from what the code renders')
    .addOption(envOption())
    .addOption(formatOption())
    .addOption(cwdOption())
    .addHelpText('after', EXIT_CODES_HELP)
    .action(async (options: { env: string[]; cwd: string; format: 'text' | 'json' }) => {
      result.code = await check(options, io);
    });

  return program;
}
