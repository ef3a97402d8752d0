import { cpus, loadavg, totalmem } from 'node:os';
import { round } from './stats.js';

/** The machine a result file was measured on, so figures from different machines are not compared blindly. */
export function machineDescription(mongo: string) {
  return {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGiB: round(totalmem() / 2 ** 30),
    node: process.version,
    mongo,
  };
}

/** The 1-minute load average: a busy machine makes every figure of a run worse. */
export function loadAverage1m(): number {
  return round(loadavg()[0]!, 2);
}
