/**
 * How this repository's programs read their settings: from the same declaration that `--help` lists
 * and `validate` checks manifests against, so a variable cannot be read under one name and set under
 * another, and a value the manifests may not give is a value the program refuses.
 */
import { ConfigError, optional, type Environment } from '../runtime/environment.js';
import { describeForm, formProblem } from './forms.js';
import type { Form, Variable, Variables } from './model.js';

/** The value a form gives. */
export type FormValue<F extends Form> = F extends { type: 'flag' }
  ? boolean
  : F extends { type: 'integer' | 'number' }
    ? number
    : F extends { type: 'list' }
      ? string[]
      : F extends { type: 'json' }
        ? unknown
        : F extends { type: 'enum'; values: readonly (infer V)[] }
          ? V
          : string;

/** A variable with a default or required always has a value; others may be undefined. */
export type SettingValue<V extends Variable> = V extends { required: true } | { default: string } ? FormValue<V['form']> : FormValue<V['form']> | undefined;

/** One declared variable, parsed by its form; a missing required one or a bad value is a ConfigError. */
export function readSetting<const V extends Variables, K extends Extract<keyof V, string>>(env: Environment, variables: V, name: K): SettingValue<V[K]> {
  const variable = variables[name]!;
  const text = optional(env, name) ?? variable.default;
  if (text === undefined) {
    if (variable.required === true) throw new ConfigError(name, env[name], variable.description);
    return undefined as SettingValue<V[K]>;
  }
  const problem = formProblem(variable.form, text);
  if (problem !== undefined) throw new ConfigError(name, env[name], problem.replace(/^expected /, ''));
  return convert(variable.form, text) as SettingValue<V[K]>;
}

function convert(form: Form, text: string): unknown {
  switch (form.type) {
    case 'flag':
      return form.on.includes(form.caseInsensitive ? text.toLowerCase() : text);
    case 'integer':
    case 'number':
      return Number(text);
    case 'list':
      return text
        .split(form.separator)
        .map((item) => item.trim())
        .filter((item) => item !== '');
    case 'json':
      return JSON.parse(text);
    case 'enum':
      return form.values.find((value) => (form.caseInsensitive ? value.toLowerCase() === text.toLowerCase() : value === text));
    default:
      return text;
  }
}

/** `[variable, meaning]` lines for `--help`: the description, the form and the default. */
export function helpLines(variables: Variables): [string, string][] {
  return Object.entries(variables).map(([name, variable]) => {
    const form = variable.form.type === 'text' ? '' : `; ${describeForm(variable.form)}`;
    const fallback = variable.required === true ? '; required' : variable.default !== undefined ? `; default ${variable.default}` : '';
    return [name, `${variable.description}${form}${fallback}`];
  });
}
