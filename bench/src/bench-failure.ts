/**
 * A benchmark run's exit code: what `measure` returns, or 1 when it throws, after saying why and
 * printing the last 30 lines the services logged. `stop` (the envelope sink, the database servers)
 * runs either way.
 */
export async function benchExitCode(
  measure: () => Promise<number>,
  { say, lines, stop }: { say: (line: string) => void; lines: readonly string[]; stop: () => Promise<void> },
): Promise<number> {
  try {
    return await measure();
  } catch (error) {
    say(`failed: ${(error as Error).message}`);
    console.log(lines.slice(-30).join('\n'));
    return 1;
  } finally {
    await stop();
  }
}
