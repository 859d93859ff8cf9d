/**
 * What a value must look like for a program to read it as its contract says. One reading serves both
 * sides of the boundary: `validate` checks the values a manifest gives a container, and this
 * repository's programs parse their settings with it (src/contracts/settings.ts).
 */
import type { Form } from './model.js';

/** Why `value` is not of `form`, in words a reviewer can act on; undefined when it is. */
export function formProblem(form: Form, value: string): string | undefined {
  switch (form.type) {
    case 'text':
      return undefined;
    case 'flag': {
      const seen = form.caseInsensitive ? value.toLowerCase() : value;
      if (form.on.includes(seen) || form.off.includes(seen)) return undefined;
      const effect = form.otherwise === 'off' ? 'the program reads any other text as off' : 'the program fails on any other text';
      return `expected a switch: ${form.on.join(', ')} (on) or ${form.off.filter((each) => each !== '').join(', ') || 'unset'} (off); ${effect}`;
    }
    case 'integer': {
      if (!/^-?[0-9]+$/.test(value)) return `expected a whole number${bounds(form.min, form.max)}`;
      const number = Number(value);
      if ((form.min !== undefined && number < form.min) || (form.max !== undefined && number > form.max))
        return `expected a whole number${bounds(form.min, form.max)}`;
      return undefined;
    }
    case 'number': {
      const fits =
        /^-?[0-9]+(\.[0-9]+)?$/.test(value) &&
        (form.min === undefined || Number(value) >= form.min) &&
        (form.above === undefined || Number(value) > form.above);
      return fits ? undefined : `expected a number${form.above === undefined ? bounds(form.min) : ` above ${form.above}`}`;
    }
    case 'url': {
      let parsed: URL;
      try {
        parsed = new URL(value);
      } catch {
        return `expected a URL${form.schemes === undefined ? '' : ` (${form.schemes.join(', ')})`}`;
      }
      const scheme = parsed.protocol.replace(/:$/, '');
      return form.schemes === undefined || form.schemes.includes(scheme) ? undefined : `expected a URL with scheme ${form.schemes.join(' or ')}, not ${scheme}`;
    }
    case 'path':
      // "-" is standard input or output to the programs that take a path; a relative path is the working directory's.
      return value.trim() !== '' ? undefined : `expected a path${form.access === 'write' ? ' the program writes' : ''}`;
    case 'enum': {
      const matches = form.caseInsensitive ? form.values.some((each) => each.toLowerCase() === value.toLowerCase()) : form.values.includes(value);
      return matches ? undefined : `expected one of ${form.values.join(', ')}`;
    }
    case 'json': {
      let parsed: unknown;
      try {
        parsed = JSON.parse(value);
      } catch {
        return `expected a JSON ${form.shape === 'any' ? 'document' : form.shape}`;
      }
      if (form.shape === 'object' && (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))) return 'expected a JSON object';
      if (form.shape === 'array' && !Array.isArray(parsed)) return 'expected a JSON array';
      return undefined;
    }
    case 'list': {
      if (form.item === undefined) return undefined;
      const items = value
        .split(form.separator)
        .map((item) => item.trim())
        .filter((item) => item !== '');
      for (const item of items) {
        const problem = formProblem(form.item, item);
        if (problem !== undefined) return `item "${item}" of a "${form.separator}"-separated list: ${problem}`;
      }
      return undefined;
    }
    case 'pattern':
      return anchored(form.regex).test(value) ? undefined : `expected ${form.description}`;
  }
}

const patterns = new Map<string, RegExp>();
/** A pattern form's regex, anchored at both ends and compiled once. */
function anchored(regex: string): RegExp {
  let compiled = patterns.get(regex);
  if (compiled === undefined) patterns.set(regex, (compiled = new RegExp(`^(?:${regex})$`)));
  return compiled;
}

function bounds(min?: number, max?: number): string {
  if (min !== undefined && max !== undefined) return ` from ${min} to ${max}`;
  if (min !== undefined) return ` of at least ${min}`;
  if (max !== undefined) return ` of at most ${max}`;
  return '';
}

/** A short name of the form, for `--help` and findings. */
export function describeForm(form: Form): string {
  switch (form.type) {
    case 'flag':
      return `switch (${form.on[0]}/${form.off[0]})`;
    case 'enum':
      return `one of ${form.values.join(', ')}`;
    case 'path':
      return form.access === 'write' ? 'path written' : 'path read';
    case 'list':
      return `list separated by "${form.separator}"`;
    case 'json':
      return form.shape === 'any' ? 'JSON' : `JSON ${form.shape}`;
    case 'pattern':
      return form.description;
    default:
      return form.type;
  }
}
