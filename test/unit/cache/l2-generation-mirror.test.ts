import { describe, expect, it } from 'vitest';
import { L2GenerationMirror } from '../../../src/cache/l2/l2-generation-mirror.js';

describe('L2GenerationMirror', () => {
  it('installs a read counter unless the table was dropped or bumped since the read began', () => {
    const mirror = new L2GenerationMirror();
    const token = mirror.beginRead('t');
    mirror.forget('t');
    expect(mirror.finishRead('t', token, 5)).toBe(true);
    expect(mirror.known('t')).toBeUndefined();
    mirror.finishRead('t', mirror.beginRead('t'), 5);
    expect(mirror.known('t')).toBe(5);

    const late = mirror.beginRead('t');
    const bump = mirror.beginBump('t');
    mirror.finishRead('t', late, 5);
    expect(mirror.known('t')).toBeUndefined();
    mirror.finishBump('t', bump, 6);
    expect(mirror.known('t')).toBe(6);
  });

  it('after an announced bump, refuses a counter that has not moved past what was known', () => {
    const mirror = new L2GenerationMirror();
    mirror.finishRead('t', mirror.beginRead('t'), 5);
    mirror.forget('t');
    expect(mirror.finishRead('t', mirror.beginRead('t'), 5)).toBe(false);
    expect(mirror.known('t')).toBeUndefined();
    expect(mirror.finishRead('t', mirror.beginRead('t'), 6)).toBe(true);
    expect(mirror.known('t')).toBe(6);
    // A resync does not claim a bump: the same value is trusted again.
    mirror.forgetAll();
    expect(mirror.finishRead('t', mirror.beginRead('t'), 6)).toBe(true);
  });

  it('keeps a table whose bump Redis did not acknowledge dirty until a later bump succeeds', () => {
    const mirror = new L2GenerationMirror();
    mirror.finishBump('t', mirror.beginBump('t'), undefined);
    expect(mirror.isDirty('t')).toBe(true);
    expect(mirror.dirtyTables()).toEqual(['t']);
    mirror.finishRead('t', mirror.beginRead('t'), 9);
    expect(mirror.known('t')).toBeUndefined();
    mirror.forget('t');
    expect(mirror.isDirty('t')).toBe(true);
    mirror.finishBump('t', mirror.beginBump('t'), 10);
    expect(mirror.isDirty('t')).toBe(false);
    expect(mirror.known('t')).toBe(10);
  });
});
