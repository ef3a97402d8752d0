import { SeededRandom } from './random.js';
import { SEED_DAYS, SEED_END } from './seed-size.js';

export interface SeedPlayer {
  id: number;
  username: string;
  displayName: string;
  country: string;
  joinedAt: Date;
  balanceCents: number;
}

const FIRST_NAMES = ['Ada', 'Bo', 'Cleo', 'Dev', 'Eli', 'Fay', 'Gus', 'Hana', 'Ivo', 'Jun', 'Kai', 'Lina', 'Milo', 'Nia', 'Oto', 'Pia'];
const LAST_NAMES = ['Stone', 'Rivera', 'Okafor', 'Lund', 'Nakamura', 'Costa', 'Novak', 'Haddad', 'Berg', 'Moreau', 'Singh', 'Kowal'];
const COUNTRIES = ['DE', 'GB', 'SE', 'ES', 'BR', 'CA', 'JP', 'NG', 'PL', 'FR', 'IN', 'AU'];

/** Players 1..count, each derived from its own id so any one can be regenerated alone. */
export function* generatePlayers(count: number): Generator<SeedPlayer> {
  for (let id = 1; id <= count; id++) {
    const random = new SeededRandom(0x9e3779b1 ^ id);
    const first = random.pick(FIRST_NAMES);
    const last = random.pick(LAST_NAMES);
    yield {
      id,
      username: `${first.toLowerCase()}.${last.toLowerCase()}.${id}`,
      displayName: `${first} ${last}`,
      country: random.pick(COUNTRIES),
      joinedAt: new Date(SEED_END.getTime() - (SEED_DAYS + random.int(1, 700)) * 86_400_000),
      balanceCents: random.int(5_000, 500_000),
    };
  }
}
