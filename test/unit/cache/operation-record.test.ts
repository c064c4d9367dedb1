import { describe, expect, it } from 'vitest';
import { OperationRecord, currentOperation, leaveOperation, runInOperation } from '../../../src/cache/operation-record.js';

describe('operation records', () => {
  it('are current inside their operation only, and not after it settled, even in a flow it left behind', async () => {
    const record = new OperationRecord();
    expect(currentOperation()).toBeUndefined();
    let late: Promise<OperationRecord | undefined> | undefined;
    try {
      await runInOperation(record, async () => {
        await Promise.resolve();
        expect(currentOperation()).toBe(record);
        late = new Promise((resolve) => setImmediate(() => resolve(currentOperation())));
      });
    } finally {
      leaveOperation();
    }
    expect(currentOperation()).toBeUndefined();
    await expect(late).resolves.toBeUndefined();
  });

  it('stay apart in concurrent operations', async () => {
    const [a, b] = [new OperationRecord(), new OperationRecord()];
    const seen = await Promise.all([a, b].map(async (record) => {
      try {
        return await runInOperation(record, async () => {
          await new Promise((resolve) => setImmediate(resolve));
          return currentOperation();
        });
      } finally {
        leaveOperation();
      }
    }));
    expect(seen).toEqual([a, b]);
    expect(seen[0]).toBe(a);
    expect(seen[1]).toBe(b);
  });
});
