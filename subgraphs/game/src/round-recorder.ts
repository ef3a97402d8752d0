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

type UsersAnswer =
  | { status: 'recorded' | 'duplicate'; balanceCents: number }
  | { status: 'unknown-player' }
  | { status: 'insufficient-funds'; balanceCents: number };

/** Sends each played round to its owners: the users subgraph (history and wallet) and analytics. */
export class RoundRecorder {
  constructor(
    private readonly usersUrl: string,
    private readonly analyticsUrl: string,
  ) {}

  /** Settles the round on the wallet and adds it to the history; returns the new balance. */
  async recordInHistory(round: PlayedRoundRecord): Promise<number> {
    const { gameKind: _kind, ...historyEntry } = round;
    const { body } = await requestJson<UsersAnswer>('users service', `${this.usersUrl}/internal/rounds`, {
      method: 'POST',
      body: historyEntry,
    });
    switch (body.status) {
      case 'recorded':
      case 'duplicate':
        return body.balanceCents;
      case 'unknown-player':
        throw graphQLError('NOT_FOUND', `no player with id ${round.playerId}`, { argument: 'input.playerId' });
      case 'insufficient-funds':
        throw graphQLError(
          'INSUFFICIENT_FUNDS',
          `input.betCents: expected at most the wallet balance of ${body.balanceCents} cents; got ${round.betCents}`,
          { argument: 'input.betCents' },
        );
    }
  }

  async recordInAnalytics(round: PlayedRoundRecord): Promise<void> {
    const { status } = await requestJson('analytics service', `${this.analyticsUrl}/internal/rounds`, {
      method: 'POST',
      body: round,
    });
    if (status >= 400) throw graphQLError('UPSTREAM_UNAVAILABLE', `analytics refused the round with HTTP ${status}`);
  }
}
