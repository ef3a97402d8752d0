import { graphQLError } from '@trace-arcade/service-runtime';
import { requestJson } from './http-json.js';

export interface PlayedRoundRecord {
  id: string;
  playerId: number;
  gameId: string;
  gameKind: string;
  betCents: number;
  payoutCents: number;
  outcome: string;
  playedAt: string;
}

/** A round as the users subgraph holds it. */
export interface RecordedRound {
  id: string;
  playerId: number;
  gameId: string;
  betCents: number;
  payoutCents: number;
  outcome: string;
  playedAt: string;
}

/** The history's answer: the round as recorded (the first time, for a round recorded again) and the balance it left. */
export interface RecordedInHistory {
  round: RecordedRound;
  balanceCents: number;
}

type UsersAnswer =
  | ({ status: 'recorded' | 'duplicate' } & RecordedInHistory)
  | { status: 'unknown-player' }
  | { status: 'insufficient-funds'; balanceCents: number };

/** Sends each played round to its owners: the users subgraph (history and wallet) and analytics. */
export class RoundRecorder {
  readonly #headers: Record<string, string>;

  constructor(
    private readonly usersUrl: string,
    private readonly analyticsUrl: string,
    internalApiToken: string,
  ) {
    this.#headers = { authorization: `Bearer ${internalApiToken}` };
  }

  /**
   * Settles the round on the wallet and adds it to the history. A round id recorded before is not
   * charged again: the answer is the round as it was recorded then, with the balance it left.
   */
  async recordInHistory(round: PlayedRoundRecord): Promise<RecordedInHistory> {
    const { gameKind: _kind, ...historyEntry } = round;
    const { status, body } = await requestJson<UsersAnswer | undefined>('users service', `${this.usersUrl}/internal/rounds`, {
      method: 'POST',
      headers: this.#headers,
      body: historyEntry,
    });
    switch (body?.status) {
      case 'recorded':
      case 'duplicate':
        if (body.round.playerId !== round.playerId || body.round.gameId !== round.gameId || body.round.betCents !== round.betCents) {
          throw graphQLError('INTERNAL_SERVER_ERROR', `the users service holds round ${round.id} for a different bet`, {
            service: 'users service',
          });
        }
        return { round: body.round, balanceCents: body.balanceCents };
      case 'unknown-player':
        throw graphQLError('NOT_FOUND', `no player with id ${round.playerId}`, { argument: 'input.playerId' });
      case 'insufficient-funds':
        throw graphQLError(
          'INSUFFICIENT_FUNDS',
          `input.betCents: expected at most the wallet balance of ${body.balanceCents} cents; got ${round.betCents}`,
          { argument: 'input.betCents' },
        );
      default:
        throw graphQLError('INTERNAL_SERVER_ERROR', `the users service refused the round with HTTP ${status}`, {
          service: 'users service',
        });
    }
  }

  async recordInAnalytics(round: PlayedRoundRecord): Promise<void> {
    const { status } = await requestJson('analytics service', `${this.analyticsUrl}/internal/rounds`, {
      method: 'POST',
      headers: this.#headers,
      body: round,
    });
    if (status >= 400) throw graphQLError('UPSTREAM_UNAVAILABLE', `analytics refused the round with HTTP ${status}`);
  }
}
