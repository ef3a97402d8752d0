import { MODES, SCENARIO_NAMES, SCENARIOS, VARIANT_MODES, type Mode, type ScenarioName, type VariantMode } from './catalog.js';

/** The request header that picks a variant per scenario: `n-plus-one=slow,cpu-rng=fixed`. */
export const SCENARIO_HEADER = 'x-scenarios';

/** Raised for an unknown scenario or mode; the message says what was expected and what arrived. */
export class ScenarioSelectionError extends Error {
  override name = 'ScenarioSelectionError';
}

/** Reads `name=mode,name=mode` with modes from `allowed`; `source` names where the text came from, for the message. */
function parseScenarioList<M extends VariantMode>(text: string, source: string, allowed: readonly M[]): Partial<Record<ScenarioName, M>> {
  const modes: Partial<Record<ScenarioName, M>> = {};
  for (const entry of text.split(',').map((part) => part.trim())) {
    if (entry === '') continue;
    const [name, mode, ...rest] = entry.split('=').map((part) => part.trim());
    if (!SCENARIO_NAMES.includes(name as ScenarioName) || rest.length > 0) {
      throw new ScenarioSelectionError(`${source}: expected a scenario name (${SCENARIO_NAMES.join(', ')}); got ${JSON.stringify(entry)}`);
    }
    if (!allowed.includes(mode as M)) {
      throw new ScenarioSelectionError(`${source}: expected ${name}=${allowed.join('|')}; got ${JSON.stringify(entry)}`);
    }
    modes[name as ScenarioName] = mode as M;
  }
  return modes;
}

/**
 * The header value that runs `name` in `mode` and every other scenario of `names` fixed (the chosen
 * one last), so that a run shows one problem at a time whatever the services' defaults are.
 */
export function isolatedSelection(name: string, mode: string, names: readonly string[]): string {
  return [...names.filter((other) => other !== name).map((other) => `${other}=fixed`), `${name}=${mode}`].join(',');
}

/**
 * The catalog's defaults, overridden by a `SCENARIO_DEFAULTS` list (same syntax as the header). Only
 * `slow` and `fixed`: the attendee's version (`yours`) is asked for per request, by the workshop
 * checker or the panel's Run yours.
 */
export function scenarioDefaults(text: string | undefined): Readonly<Record<ScenarioName, Mode>> {
  const defaults = Object.fromEntries(SCENARIOS.map((scenario) => [scenario.name, scenario.defaultMode])) as Record<ScenarioName, Mode>;
  return Object.freeze({ ...defaults, ...parseScenarioList(text ?? '', 'SCENARIO_DEFAULTS', MODES) });
}

/** The variant of every scenario for one request: the header's choices over the service's defaults. */
export class ScenarioSelection {
  readonly #modes: Readonly<Record<ScenarioName, VariantMode>>;

  constructor(defaults: Readonly<Record<ScenarioName, Mode>>, header: string | undefined) {
    this.#modes = Object.freeze({ ...defaults, ...parseScenarioList(header ?? '', `${SCENARIO_HEADER} header`, VARIANT_MODES) });
  }

  modeOf(name: ScenarioName): VariantMode {
    return this.#modes[name];
  }

  /**
   * Whether the request runs anything but the fixed twin: the slow twin, or the attendee's version,
   * which may be as slow (both are admitted by the service's slow-variant limit).
   */
  isSlow(name: ScenarioName): boolean {
    return this.#modes[name] !== 'fixed';
  }

  /** Span attributes that make a trace explain itself: `scenario.n-plus-one = slow`. */
  spanAttributes(): Record<string, VariantMode> {
    return Object.fromEntries(SCENARIO_NAMES.map((name) => [`scenario.${name}`, this.#modes[name]]));
  }

  /** The header value that carries this selection to the next service. */
  toHeader(): string {
    return SCENARIO_NAMES.map((name) => `${name}=${this.#modes[name]}`).join(',');
  }
}
