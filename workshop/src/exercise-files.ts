/** The attendee's files of an exercise: reading them, and writing the start (reset) or the reference fix (solution) into them. */
import { copyFile, readFile } from 'node:fs/promises';
import { REPO_ROOT } from '@trace-arcade/stack/workshop-api';
import type { Exercise, ExerciseFile } from '@trace-arcade/scenarios';
import path from 'node:path';

export function repoFile(relative: string): string {
  return path.join(REPO_ROOT, relative);
}

/** The attendee's files that differ from `source` (`start` or `solution`). */
export async function filesDifferingFrom(exercise: Exercise, source: 'start' | 'solution'): Promise<ExerciseFile[]> {
  const differing: ExerciseFile[] = [];
  for (const file of exercise.files) {
    const [mine, theirs] = await Promise.all([
      readFile(repoFile(file.path), 'utf8').catch(() => ''),
      readFile(repoFile(file[source]), 'utf8'),
    ]);
    if (mine !== theirs) differing.push(file);
  }
  return differing;
}

/** Writes `source` (`start` or `solution`) over each of the attendee's files; returns their paths. */
export async function writeExerciseFiles(exercise: Exercise, source: 'start' | 'solution'): Promise<string[]> {
  for (const file of exercise.files) await copyFile(repoFile(file[source]), repoFile(file.path));
  return exercise.files.map((file) => file.path);
}

/** The attendee's operation, for an exercise whose version is an operation the client sends (no service). */
export async function attendeeOperation(exercise: Exercise): Promise<string | undefined> {
  const file = exercise.files.find((candidate) => !candidate.service);
  return file ? readFile(repoFile(file.path), 'utf8') : undefined;
}
