/**
 * Reads environment files: YAML syntax, the schema, then the rules across keys. Every problem of
 * every file is collected and thrown together as one ProblemsError (exit code 1).
 */
import { Ajv, type ValidateFunction } from 'ajv';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { ProblemsError, UserError, type Problem } from '../errors.js';
import { cronScheduleProblem } from './cron.js';
import { crossFieldProblems } from './rules.js';
import { CRON_SCHEDULE_FORMAT, EnvironmentSchema, REFERENCED_SCHEMAS, type Environment, type EnvironmentSpec } from './schema.js';
import { schemaProblems, suggest } from './schema-problems.js';
import { YamlSource } from './yaml-source.js';

export const ENVIRONMENTS_DIR = 'environments';

// At most 30 characters: names and labels built from it (`<component>-<env>`) stay within 63.
const ENVIRONMENT_NAME = /^[a-z0-9]([-a-z0-9]{0,28}[a-z0-9])?$/;

let validator: ValidateFunction<EnvironmentSpec> | undefined;

function validateSpec(): ValidateFunction<EnvironmentSpec> {
  if (validator === undefined) {
    // verbose: errors carry the failing value and its schema, which the messages quote.
    // inlineRefs: false keeps each referenced schema one function instead of a copy per use: compiling
    // the inlined schema took a third of a cold start.
    const ajv = new Ajv({ allErrors: true, verbose: true, strict: true, inlineRefs: false });
    ajv.addFormat(CRON_SCHEDULE_FORMAT, { type: 'string', validate: (value: string) => cronScheduleProblem(value) === undefined });
    ajv.addSchema([...REFERENCED_SCHEMAS]);
    validator = ajv.compile<EnvironmentSpec>(EnvironmentSchema);
  }
  return validator;
}

/** Parses and validates one environment file's text; `file` is how problems name it. */
export function parseEnvironment(name: string, file: string, text: string): Environment {
  const source = new YamlSource(file, text);
  const fail = (problems: Problem[]): never => {
    throw new ProblemsError(problems);
  };
  if (text.replace(/#.*$/gm, '').trim() === '') {
    fail([{ file, line: 1, column: 1, keyPath: '', message: 'the file is empty; an environment file is a mapping with keys such as description, deploymentName, namespaces and argocd' }]);
  }
  const syntax = source.syntaxProblems();
  if (syntax.length > 0) fail(syntax);
  const parsed = source.toValue();
  if ('problem' in parsed) return fail([parsed.problem]);
  const value = parsed.value;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    fail([source.problemFor([], 'an environment file is a mapping of keys to values, not a single value or a list')]);
  }
  const validate = validateSpec();
  if (!validate(value)) fail(sortProblems(schemaProblems(source, validate.errors ?? [])));
  const spec = value as EnvironmentSpec;
  const crossField = crossFieldProblems(source, spec);
  if (crossField.length > 0) fail(sortProblems(crossField));
  return { ...spec, name };
}

/** The environments defined under `<cwd>/environments`, by name, sorted. */
export async function listEnvironments(cwd: string): Promise<string[]> {
  const dir = path.join(cwd, ENVIRONMENTS_DIR);
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch {
    throw new UserError(`no ${ENVIRONMENTS_DIR}/ folder in ${cwd}: run the command from the repository root or pass --cwd`);
  }
  const misnamed = entries.filter((entry) => entry.endsWith('.yml'));
  if (misnamed.length > 0) {
    throw new UserError(`${misnamed.map((entry) => path.join(ENVIRONMENTS_DIR, entry)).join(', ')}: environment files end in .yaml; rename to .yaml`);
  }
  const names = entries.filter((entry) => entry.endsWith('.yaml')).map((entry) => entry.slice(0, -'.yaml'.length));
  const invalid = names.filter((name) => !ENVIRONMENT_NAME.test(name));
  if (invalid.length > 0) {
    throw new UserError(
      `${invalid.map((name) => `${ENVIRONMENTS_DIR}/${name}.yaml`).join(', ')}: an environment's file name is its name: lowercase letters, digits and "-", at most 30 characters`,
    );
  }
  if (names.length === 0) throw new UserError(`${ENVIRONMENTS_DIR}/ holds no environment file (*.yaml)`);
  return names.sort();
}

/**
 * Loads the named environments (all when `names` is empty). Unknown names are a user error with a
 * suggestion; problems from every file are reported together.
 */
export async function loadEnvironments(cwd: string, names: readonly string[] = []): Promise<Environment[]> {
  const known = await listEnvironments(cwd);
  const unknown = names.filter((name) => !known.includes(name));
  if (unknown.length > 0) {
    const hints = unknown.map((name) => {
      const suggestion = suggest(name, known);
      return suggestion === undefined ? `"${name}"` : `"${name}" (did you mean "${suggestion}"?)`;
    });
    throw new UserError(`unknown environment ${hints.join(', ')}; known environments: ${known.join(', ')}`);
  }
  const selected = names.length === 0 ? known : [...new Set(names)].sort();
  const problems: Problem[] = [];
  const environments: Environment[] = [];
  for (const name of selected) {
    const file = path.join(ENVIRONMENTS_DIR, `${name}.yaml`);
    const text = await readFile(path.join(cwd, file), 'utf8').catch((error: NodeJS.ErrnoException) => {
      throw new UserError(`${file}: cannot be read (${error.code ?? error.message}); an environment is a YAML file`);
    });
    try {
      environments.push(parseEnvironment(name, file, text));
    } catch (error) {
      if (!(error instanceof ProblemsError)) throw error;
      problems.push(...error.problems);
    }
  }
  if (problems.length > 0) throw new ProblemsError(problems);
  return environments;
}

function sortProblems(problems: Problem[]): Problem[] {
  return problems.sort((a, b) => a.line - b.line || a.column - b.column);
}
