/**
 * How `npm start` prints its children's lines. `json`: each line as the child wrote it (pino's JSON),
 * after `[service]`. `pretty`: one line per event for a person, `HH:MM:SS service level message
 * key=value…`, the service's name in a colour of its own, warnings and errors coloured by level.
 */
import { styleText } from 'node:util';

export const LOG_FORMATS = ['pretty', 'json'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

/** LOG_FORMAT when set; otherwise pretty on a terminal and JSON when the output goes to a file or a pipe. */
export function chooseLogFormat(configured: LogFormat | undefined, isTTY: boolean): LogFormat {
  return configured ?? (isTTY ? 'pretty' : 'json');
}

/** pino's numeric levels. */
const LEVELS: Record<number, string> = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' };
/** Written in the level's place; everything else of the line becomes `key=value`. */
const SHOWN_APART = new Set(['level', 'time', 'msg', 'service', 'name', 'pid', 'hostname']);

type Colour = Parameters<typeof styleText>[0];
const SERVICE_COLOURS: readonly Colour[] = [
  'cyan',
  'magenta',
  'green',
  'blue',
  'yellow',
  'cyanBright',
  'magentaBright',
  'greenBright',
  'blueBright',
];
const LEVEL_COLOURS: Record<string, Colour> = { warn: 'yellow', error: 'red', fatal: 'redBright' };

/** The same colour for a service every time, from its name. */
function serviceColour(service: string): Colour {
  let hash = 0;
  for (const char of service) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return SERVICE_COLOURS[hash % SERVICE_COLOURS.length]!;
}

const twoDigits = (value: number) => String(value).padStart(2, '0');
const clock = (date: Date) => `${twoDigits(date.getHours())}:${twoDigits(date.getMinutes())}:${twoDigits(date.getSeconds())}`;

function formatValue(value: unknown): string {
  if (typeof value === 'string') return /^[^\s"=]+$/.test(value) ? value : JSON.stringify(value);
  if (value instanceof Object && 'message' in value && typeof value.message === 'string') return JSON.stringify(value.message);
  return JSON.stringify(value) ?? String(value);
}

function parseObject(line: string): Record<string, unknown> | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    const parsed: unknown = JSON.parse(line);
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * One line of `service` as a person reads it. A pino line gives its own time, level, message and
 * fields (an error shows its message); any other line is shown as it came, at `now`.
 */
export function prettyLine(service: string, line: string, options: { colours: boolean; now?: Date }): string {
  const paint = (colour: Colour, text: string) => (options.colours ? styleText(colour, text, { validateStream: false }) : text);
  const event = parseObject(line);
  const name = paint(serviceColour(service), service);
  if (!event) return `${clock(options.now ?? new Date())} ${name} ${line}`;
  const time =
    typeof event['time'] === 'string' || typeof event['time'] === 'number' ? new Date(event['time']) : (options.now ?? new Date());
  const rawLevel = event['level'];
  const level = typeof rawLevel === 'number' ? (LEVELS[rawLevel] ?? String(rawLevel)) : typeof rawLevel === 'string' ? rawLevel : 'info';
  const levelColour = LEVEL_COLOURS[level];
  const fields = Object.entries(event)
    .filter(([key]) => !SHOWN_APART.has(key))
    .map(([key, value]) => `${key}=${formatValue(value)}`);
  const message = typeof event['msg'] === 'string' ? event['msg'] : '';
  return [clock(time), name, levelColour ? paint(levelColour, level) : level, message, ...fields].filter((part) => part !== '').join(' ');
}

/**
 * Node's lines about its inspector: the banner when a process opens it, and the one at exit while a
 * session is attached. Each service's event-loop watch opens it on a loopback port for a moment as it
 * starts, and its worker keeps a session to read the stack of a blocked loop
 * (packages/service-runtime/src/event-loop-block.ts): nothing a person at the terminal can use.
 */
const INSPECTOR_NOTICES = [
  /^Debugger listening on ws:\/\/127\.0\.0\.1:\d+\/[0-9a-f-]+$/,
  /^For help, see: https:\/\/nodejs\.org\/\S+$/,
  /^Waiting for the debugger to disconnect\.\.\.$/,
];

/**
 * The writer of the children's lines for `format`; colours only when `colours` (a terminal). Pretty
 * leaves out Node's inspector notices (undefined: print nothing) unless `inspectorAskedFor` (an
 * `--inspect` flag in NODE_OPTIONS), when its address is the point; JSON keeps every line.
 */
export function childLineFormatter(
  format: LogFormat,
  colours: boolean,
  inspectorAskedFor = false,
): (service: string, line: string) => string | undefined {
  if (format === 'json') return (service, line) => `[${service}] ${line}`;
  return (service, line) =>
    !inspectorAskedFor && INSPECTOR_NOTICES.some((notice) => notice.test(line)) ? undefined : prettyLine(service, line, { colours });
}
