import { describe, expect, it } from 'vitest';
import { isOperatorMethod, operatorKind, phpArithmetic } from '../../../src/testing/store/operators/operator.js';

describe('operator kinds', () => {
  it('gives every method Appwrite executes the kind of column it works on', () => {
    const kinds = Object.fromEntries(
      ['increment', 'stringReplace', 'arrayFilter', 'toggle', 'dateSetNow'].map((method) => [method, isOperatorMethod(method) ? operatorKind(method) : 'unknown']),
    );
    expect(kinds).toEqual({ increment: 'numeric', stringReplace: 'string', arrayFilter: 'array', toggle: 'boolean', dateSetNow: 'date' });
    expect(isOperatorMethod('arrayFlatten')).toBe(false);
    expect(isOperatorMethod('toString')).toBe(false);
  });

  it('computes numeric operators as PHP does (`%` on integers)', () => {
    expect(phpArithmetic('increment', 2, 3)).toBe(5);
    expect(phpArithmetic('decrement', 2, 3)).toBe(-1);
    expect(phpArithmetic('multiply', 2, 3)).toBe(6);
    expect(phpArithmetic('divide', 3, 2)).toBe(1.5);
    expect(phpArithmetic('modulo', 7.9, 2.5)).toBe(1);
    expect(phpArithmetic('power', 2, 10)).toBe(1024);
  });
});
