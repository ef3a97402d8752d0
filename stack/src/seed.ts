import type { SeedSize } from '@trace-arcade/seed-data';
import { ProcessGroup } from './processes.js';
import { SEEDED_SERVICES, type SeededService } from './seed-state.js';
import { databaseEnvironments, serviceProcess, type ServiceName, type StackDatabases } from './services.js';

export type SeedProgressSink = (service: ServiceName, done: number, total: number) => void;

/**
 * Runs each service's seed command (migrations, then the deterministic data set) in parallel.
 * Each is idempotent: a complete data set is left as it is. `services` limits it to some of them.
 */
export async function seedStack(options: {
  databases: StackDatabases;
  size: SeedSize;
  progress: SeedProgressSink;
  log: (service: string, line: string) => void;
  services?: readonly SeededService[];
}): Promise<void> {
  const environments = databaseEnvironments(options.databases);
  const failures: string[] = [];
  const processes = new ProcessGroup(
    (name, line) => {
      const match = /^\{"seedProgress":\{"done":(\d+),"total":(\d+)\}\}$/.exec(line);
      if (match) options.progress(name as ServiceName, Number(match[1]), Number(match[2]));
      else options.log(name, line);
    },
    () => undefined,
  );
  await Promise.all(
    (options.services ?? SEEDED_SERVICES).map(async (name) => {
      const child = processes.start(
        serviceProcess(
          name,
          'dist/seed-cli.js',
          {
            ...process.env,
            ...environments[name],
            SEED_PLAYERS: String(options.size.players),
            SEED_ROUNDS: String(options.size.rounds),
            LOG_LEVEL: 'warn',
          },
          false,
        ),
      );
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      if (code !== 0) failures.push(`${name} seed exited with code ${code}`);
    }),
  );
  if (failures.length > 0) throw new Error(failures.join('; '));
}
