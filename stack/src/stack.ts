import { randomBytes } from 'node:crypto';
import { ProcessGroup, type LineSink } from './processes.js';
import { waitForHttpOk } from './readiness.js';
import { SERVICE_DIRS, serviceEnvironments, serviceProcess, type ServiceName, type StackDatabases, type StackPorts } from './services.js';

export interface StackOptions {
  ports: StackPorts;
  databases: StackDatabases;
  /** Environment shared by every service (Sentry, scenario defaults, payment latency, ...). */
  sharedEnv: NodeJS.ProcessEnv;
  sink: LineSink;
  readyTimeoutMs?: number;
}

export interface RunningStack {
  gatewayUrl: string;
  processes: ProcessGroup;
  /** The secret this start gave the services for their `/internal/*` routes. */
  internalApiToken: string;
  stop(): Promise<void>;
}

/**
 * The order the services stop in: the gateway first (it stops taking requests and drains those in
 * flight, which still need the subgraphs), then the subgraphs together, then the payment provider
 * their bets call. The databases are stopped by whoever provided them, after this.
 */
const STOP_ORDER: readonly (readonly ServiceName[])[] = [['gateway'], ['users', 'game', 'analytics'], ['payment-provider']];

/** A service drains for up to SHUTDOWN_TIMEOUT_MS (10 s, service-runtime) before it exits; past this it is killed. */
const SERVICE_STOP_GRACE_MS = 12_000;

/**
 * Starts the payment provider, the three subgraphs and the gateway as child processes and waits
 * until the gateway's readiness check passes (every subgraph answers). A child that dies during
 * start-up fails the start with its last lines.
 */
export async function startStack(options: StackOptions): Promise<RunningStack> {
  let failure: string | undefined;
  const processes = new ProcessGroup(options.sink, (name, code, lastLines) => {
    failure ??= `${name} exited with code ${code}:\n    ${lastLines.slice(-8).join('\n    ')}`;
  });
  // A new secret at every start: only these processes can call each other's /internal/* routes.
  const internalApiToken = randomBytes(32).toString('base64url');
  const environments = serviceEnvironments(options.ports, options.databases, internalApiToken);
  for (const name of Object.keys(SERVICE_DIRS) as ServiceName[]) {
    processes.start(serviceProcess(name, 'dist/main.js', { ...process.env, ...options.sharedEnv, ...environments[name] }));
  }
  const gatewayUrl = `http://127.0.0.1:${options.ports.gateway}`;
  try {
    await waitForHttpOk(`${gatewayUrl}/health/ready`, options.readyTimeoutMs ?? 60_000, () => failure);
  } catch (error) {
    await processes.stopAll();
    throw error;
  }
  // Started: from now on a service that dies is started again (a crash during start-up failed it above).
  processes.supervise({ notice: (line) => options.sink('stack', line) });
  return { gatewayUrl, processes, internalApiToken, stop: () => processes.stopAll(SERVICE_STOP_GRACE_MS, STOP_ORDER) };
}
