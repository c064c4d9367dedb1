import { describe, expect, it } from 'vitest';
import { migrateV2, previewV2, retypeQuantity, startInProduction, startShop, type Connection } from '../../../docs/examples/migrations.js';
import { parseNewProduct } from '../../../docs/examples/shop-schema.js';
import { useEmulator } from '../../helpers/emulator.js';

const fixture = useEmulator({ columnDelayMs: 30 });

describe('docs: schemas and migrations', () => {
  it('runs the migration walkthrough as the page shows it', async () => {
    const { emu } = fixture;
    const connection: Connection = { endpoint: emu.endpoint, projectId: emu.projectId, apiKey: emu.apiKey, databaseId: 'shop' };
    const db = await startShop(connection);
    expect(await db.table('products').count()).toBe(1);
    expect((await previewV2(connection)).split('\n')).toEqual([
      '+ column products.sku (string(32))',
      '~ column products.name: size 255 -> 500',
      '+ index products.by_sku (unique(sku))',
    ]);
    expect(await startInProduction(connection)).toHaveLength(3);
    expect(await migrateV2(connection)).toEqual(['+ column products.sku (string(32))', '~ column products.name: size 255 -> 500', '+ index products.by_sku (unique(sku))']);
    expect(await startInProduction(connection)).toEqual([]);
    expect(await retypeQuantity(connection, false)).toEqual([
      '! refused: type change orders_2024.quantity integer -> float (set migrate.allowDestructive to allow it; data is lost)',
    ]);
    expect(await retypeQuantity(connection, true)).toEqual([]);
  });

  it('validates request bodies with the exported zod schema', () => {
    expect(parseNewProduct({ name: 'Pen', price: 2, publishedAt: '2024-01-01T00:00:00Z' })).toEqual({ ok: true, data: { name: 'Pen', price: 2, publishedAt: '2024-01-01T00:00:00Z' } });
    expect(parseNewProduct({ name: 'Pen', price: -1, colour: 'red' })).toEqual({
      ok: false,
      errors: ['price: Too small: expected number to be >=0', 'body: Unrecognized key: "colour"'],
    });
  });
});
