/** A game as analytics knows it: by id only (the game subgraph owns the rest). */
export interface GameReference {
  id: string;
}
