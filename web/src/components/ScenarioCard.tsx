import { useId, useState } from 'react';
import { useClient } from 'urql';
import type { CatalogScenario } from '../catalog.js';
import { checkYours, exerciseFor, type YoursCheck } from '../check-yours.js';
import { interleavedModes } from '../compare.js';
import { dashboardOf } from '../dashboards.js';
import { usePanel } from '../panel-context.js';
import { runScenario, type RunOutcome } from '../run-scenario.js';
import { CompareView } from './CompareView.js';
import { DashboardView } from './DashboardView.js';
import { RunResult } from './RunResult.js';
import { YoursVerdict } from './YoursVerdict.js';

/** Sentry opens a Consecutive HTTP issue after 5 occurrences (N+1 DB after 3): a burst covers both. */
const BURST_RUNS = 5;
const MAX_COMPARE_RUNS = 50;
const KEPT_RUNS = 10;

interface LabelledRun {
  id: number;
  label: string;
  run: RunOutcome;
}

function parseRunCount(text: string): number | string {
  const count = Number(text);
  if (!Number.isInteger(count) || count < 1 || count > MAX_COMPARE_RUNS) {
    return `Expected a whole number of runs from 1 to ${MAX_COMPARE_RUNS}; got "${text}".`;
  }
  return count;
}

/** One scenario of the catalog: what it teaches, where its code is, and the buttons that run it. */
export function ScenarioCard({ scenario, catalogNames }: { scenario: CatalogScenario; catalogNames: readonly string[] }) {
  const client = useClient();
  const { spotlight } = usePanel();
  const inputId = useId();
  const [runs, setRuns] = useState<LabelledRun[]>([]);
  const [compare, setCompare] = useState<{ planned: number; runs: RunOutcome[] } | null>(null);
  const [burstRuns, setBurstRuns] = useState<RunOutcome[] | null>(null);
  const [yours, setYours] = useState<YoursCheck | null>(null);
  const [compareText, setCompareText] = useState('5');
  const [activity, setActivity] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const busy = activity !== null;
  const canCompare = scenario.modes.includes('slow') && scenario.modes.includes('fixed');
  const dashboard = dashboardOf(scenario.name);
  const exercise = exerciseFor(scenario.name);

  const keep = (label: string, run: RunOutcome) =>
    setRuns((previous) => [{ id: Date.now() + Math.random(), label, run }, ...previous].slice(0, KEPT_RUNS));

  async function act(work: () => Promise<void>) {
    setProblem(null);
    try {
      await work();
    } catch (error) {
      setProblem(`The run could not be sent: ${(error as Error).message}`);
    } finally {
      setActivity(null);
    }
  }

  const runOnce = (mode: string) =>
    act(async () => {
      setActivity(`Running ${mode}…`);
      keep(`Run ${mode}`, await runScenario(client, scenario, mode, catalogNames));
    });

  const runYours = () =>
    act(async () => {
      if (!exercise) return;
      setYours(null);
      setYours(await checkYours({ client, spotlight, scenario, exercise, catalogNames, say: setActivity }));
    });

  const burst = () =>
    act(async () => {
      setBurstRuns(null);
      const done: RunOutcome[] = [];
      for (let index = 1; index <= BURST_RUNS; index++) {
        setActivity(`Burst: run ${index} of ${BURST_RUNS} (slow)…`);
        const run = await runScenario(client, scenario, 'slow', catalogNames, `Burst ${index}/${BURST_RUNS}`);
        done.push(run);
        keep(`Burst ${index}/${BURST_RUNS}`, run);
      }
      setBurstRuns(done);
    });

  const compareModes = () => {
    const count = parseRunCount(compareText);
    if (typeof count === 'string') {
      setProblem(count);
      return;
    }
    void act(async () => {
      const modes = interleavedModes(count);
      const done: RunOutcome[] = [];
      setCompare({ planned: modes.length, runs: [] });
      for (const [index, mode] of modes.entries()) {
        setActivity(`Compare: run ${index + 1} of ${modes.length} (${mode})…`);
        done.push(await runScenario(client, scenario, mode, catalogNames, `Compare ${index + 1}/${modes.length} ${mode}`));
        setCompare({ planned: modes.length, runs: [...done] });
      }
    });
  };

  return (
    <section className="card" aria-labelledby={`${scenario.name}-title`} data-scenario={scenario.name} aria-busy={busy}>
      <header>
        <h2 id={`${scenario.name}-title`}>{scenario.title}</h2>
        <p className="name">
          <code>{scenario.name}</code> · in {scenario.services.join(', ')} ·{' '}
          <a href={`/${scenario.docs}`} target="_blank" rel="noreferrer" aria-label={`docs for ${scenario.name}`}>
            docs
          </a>
        </p>
      </header>
      <p>{scenario.teaches}</p>
      <details>
        <summary>Code: the slow path beside its fixed twin</summary>
        <ul className="paths">
          {scenario.code.map((file) => (
            <li key={file}>
              <code>{file}</code>
            </li>
          ))}
        </ul>
      </details>
      <div className="actions" role="group" aria-label={`Run ${scenario.name}`}>
        {scenario.modes.map((mode) => (
          <button key={mode} type="button" className={`button-${mode}`} disabled={busy} onClick={() => void runOnce(mode)}>
            Run {mode}
          </button>
        ))}
        {exercise && (
          <button type="button" className="button-yours" disabled={busy} onClick={() => void runYours()}>
            Run yours
          </button>
        )}
        {canCompare && (
          <>
            <label htmlFor={inputId} className="count">
              Runs per mode
            </label>
            <input
              id={inputId}
              className="count"
              type="number"
              min={1}
              max={MAX_COMPARE_RUNS}
              value={compareText}
              onChange={(event) => setCompareText(event.target.value)}
            />
            <button type="button" disabled={busy} onClick={compareModes}>
              Compare
            </button>
          </>
        )}
        {scenario.modes.includes('slow') && (
          <button type="button" disabled={busy} onClick={() => void burst()}>
            Burst ×{BURST_RUNS}
          </button>
        )}
      </div>
      <p className="activity" role="status" aria-live="polite">
        {activity}
      </p>
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
      {yours && <YoursVerdict check={yours} />}
      {compare && <CompareView scenario={scenario.name} runs={compare.runs} planned={compare.planned} />}
      {dashboard && burstRuns && (
        <DashboardView
          scenario={scenario.name}
          dashboard={dashboard}
          groups={[{ label: `Burst ×${BURST_RUNS} (slow)`, runs: burstRuns }]}
        />
      )}
      {runs.map(({ id, label, run }) => (
        <RunResult key={id} run={run} label={label} alerts={scenario.sentry.alerts} />
      ))}
    </section>
  );
}
