import { exerciseOf } from '@trace-arcade/scenarios';
import { describe, expect, it } from 'vitest';
import onDisk from '../../workshop/federation-waterfall.graphql?raw';
import { attendeeOperation } from './workshop-operations.js';

describe('attendeeOperation', () => {
  it("is the attendee's file as it is, for an exercise whose version is an operation", () => {
    expect(onDisk).toMatch(/^\s*(query|mutation)\b/m);
    expect(attendeeOperation(exerciseOf('federation-waterfall'))).toBe(onDisk);
  });

  it("is undefined where the attendee's version is service code", () => {
    expect(attendeeOperation(exerciseOf('n-plus-one'))).toBeUndefined();
  });
});
