/**
 * What a validator reports: where in the body (`widgets[2].queries[0].orderby`, empty for the body itself) and a
 * message that says what was expected and what arrived. The helpers here describe a JSON value for those messages and
 * check the value kinds that Sentry's Django REST framework fields take (CharField, IntegerField, ListField, ...).
 * No Node imports: the validators also run in the browser.
 */

export interface ValidationProblem {
  path: string;
  message: string;
}

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A short description of a JSON value for messages: `"5x"`, `12`, `null`, `an object`, `nothing`. */
export function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return value.length === 0 ? 'an empty array' : `an array of ${value.length}`;
  if (isObject(value)) return 'an object';
  if (typeof value === 'string') {
    if (value.length > 60) return `a string of ${value.length} characters`;
    return JSON.stringify(value);
  }
  return JSON.stringify(value) ?? typeof value;
}

export function joinPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  return parent === '' ? key : `${parent}.${key}`;
}

/** Collects problems under a base path. */
export class Problems {
  readonly list: ValidationProblem[] = [];

  add(path: string, message: string): void {
    this.list.push({ path, message });
  }

  /** Every key not in `known` is a problem: Sentry drops unknown keys without a word, so a typo would vanish. */
  unknownKeys(value: JsonObject, known: readonly string[], path: string, what: string): void {
    for (const key of Object.keys(value)) {
      if (!known.includes(key)) {
        this.add(
          joinPath(path, key),
          `expected only keys Sentry reads on ${what} (${known.join(', ')}); got unknown key "${key}", which Sentry would drop`,
        );
      }
    }
  }

  /**
   * A string field. `required`: present and not undefined; `allowBlank` false refuses "" (Django REST framework's
   * CharField default); `maxLength` counts characters as Python does (code points).
   */
  string(
    value: unknown,
    path: string,
    options: { required?: boolean; allowBlank?: boolean; allowNull?: boolean; maxLength?: number; what?: string } = {},
  ): value is string {
    const what = options.what ?? 'a string';
    if (value === undefined) {
      if (options.required) this.add(path, `expected ${what}; got nothing (the key is required)`);
      return false;
    }
    if (value === null) {
      if (!options.allowNull) this.add(path, `expected ${what}; got null`);
      return false;
    }
    if (typeof value !== 'string') {
      this.add(path, `expected ${what}; got ${describe(value)}`);
      return false;
    }
    if (!options.allowBlank && value.trim() === '') {
      this.add(path, `expected ${what} that is not blank; got ${describe(value)}`);
      return false;
    }
    const length = [...value].length;
    if (options.maxLength !== undefined && length > options.maxLength) {
      this.add(path, `expected at most ${options.maxLength} characters; got ${length}`);
      return false;
    }
    return true;
  }

  /** An integer field (JSON booleans refused, unlike Python's isinstance(True, int)). */
  integer(
    value: unknown,
    path: string,
    options: { required?: boolean; allowNull?: boolean; min?: number; max?: number } = {},
  ): value is number {
    if (value === undefined) {
      if (options.required) this.add(path, `expected an integer; got nothing (the key is required)`);
      return false;
    }
    if (value === null) {
      if (!options.allowNull) this.add(path, `expected an integer; got null`);
      return false;
    }
    if (typeof value !== 'number' || !Number.isInteger(value)) {
      this.add(path, `expected an integer; got ${describe(value)}`);
      return false;
    }
    const { min, max } = options;
    if ((min !== undefined && value < min) || (max !== undefined && value > max)) {
      const range =
        min !== undefined && max !== undefined ? `from ${min} to ${max}` : min !== undefined ? `of at least ${min}` : `of at most ${max}`;
      this.add(path, `expected an integer ${range}; got ${value}`);
      return false;
    }
    return true;
  }

  /** A list of strings (ListField(child=CharField())); returns the list when every item is a string. */
  stringList(value: unknown, path: string, options: { required?: boolean; allowNull?: boolean } = {}): string[] | undefined {
    if (value === undefined) {
      if (options.required) this.add(path, `expected an array of strings; got nothing (the key is required)`);
      return undefined;
    }
    if (value === null) {
      if (!options.allowNull) this.add(path, `expected an array of strings; got null`);
      return undefined;
    }
    if (!Array.isArray(value)) {
      this.add(path, `expected an array of strings; got ${describe(value)}`);
      return undefined;
    }
    let ok = true;
    value.forEach((item, i) => {
      if (typeof item !== 'string') {
        this.add(joinPath(path, i), `expected a string; got ${describe(item)}`);
        ok = false;
      }
    });
    return ok ? (value as string[]) : undefined;
  }

  boolean(value: unknown, path: string): void {
    if (value !== undefined && typeof value !== 'boolean') this.add(path, `expected true or false; got ${describe(value)}`);
  }

  oneOf<T extends string | number>(value: unknown, allowed: readonly T[], path: string, options: { required?: boolean } = {}): value is T {
    if (value === undefined) {
      if (options.required)
        this.add(path, `expected one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}; got nothing (the key is required)`);
      return false;
    }
    if (!(allowed as readonly unknown[]).includes(value)) {
      this.add(path, `expected one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}; got ${describe(value)}`);
      return false;
    }
    return true;
  }
}
