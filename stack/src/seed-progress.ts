import cliProgress from 'cli-progress';
import type { SeedProgressSink } from './seed.js';

/** One progress bar per seeded service. */
export function seedProgressBars(): { progress: SeedProgressSink; stop(): void } {
  const bars = new cliProgress.MultiBar(
    { format: '  seed {service} [{bar}] {percentage}% {value}/{total}', hideCursor: true, noTTYOutput: true, notTTYSchedule: 2000 },
    cliProgress.Presets.shades_classic,
  );
  const byService = new Map<string, cliProgress.SingleBar>();
  return {
    progress(service, done, total) {
      let bar = byService.get(service);
      if (!bar) byService.set(service, (bar = bars.create(total, 0, { service: service.padEnd(9) })));
      bar.setTotal(total);
      bar.update(done);
    },
    stop: () => bars.stop(),
  };
}
