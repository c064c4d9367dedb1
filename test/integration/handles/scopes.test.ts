import { expect, it } from 'vitest';
import { AppwriteError } from '../../../src/errors/appwrite-error.js';
import { useHandlesFixture } from './handles-fixture.js';
import { describeLocal } from '../../helpers/appwrite-target.js';

const fx = useHandlesFixture();

describeLocal('identity scopes', () => {
  it('keep the entries of each user apart and share invalidations', async () => {
    const jwtA = fx.emu.createJwt('alice');
    const jwtB = fx.emu.createJwt('bob');
    const alice = fx.db.as({ jwt: jwtA }).table('notes');
    const bob = fx.db.as({ jwt: jwtB }).table('notes');
    await alice.create({ text: 'alice note' });
    await bob.create({ text: 'bob note' });
    fx.emu.requests.clear();

    expect((await alice.find()).map((row) => row.text)).toEqual(['alice note']);
    expect((await bob.find()).map((row) => row.text)).toEqual(['bob note']);
    expect((await fx.db.table('notes').find()).map((row) => row.text).sort()).toEqual(['alice note', 'bob note']);
    expect(fx.count('listRows', 'notes')).toBe(3);
    await alice.find();
    await fx.db.as({ jwt: jwtA }).table('notes').find();
    expect(fx.count('listRows', 'notes')).toBe(3);

    await bob.create({ text: 'second bob note' });
    await alice.find();
    expect(fx.count('listRows', 'notes')).toBe(4);
  });

  it('derive the scope from a hash, never the token', async () => {
    const jwt = fx.emu.createJwt('carol');
    const view = fx.db.as({ jwt });
    expect(view.scope).toMatch(/^jwt:[A-Za-z0-9_-]{22}$/);
    expect(view.scope).not.toContain(jwt);
    const keys: string[] = [];
    fx.db.on('miss', ({ key }) => keys.push(key));
    await view.table('notes').find();
    expect(keys.some((key) => key.includes(jwt))).toBe(false);
    expect(fx.db.scope).toBe('key');
  });

  it('reject a bad token with an AppwriteError, and bulk calls for users', async () => {
    await expect(fx.db.as({ jwt: 'not-a-token' }).table('notes').find()).rejects.toThrow(AppwriteError);
    const user = fx.db.as({ jwt: fx.emu.createJwt('dave') }).table('notes');
    // Refused before any request (issue 9): Appwrite answers users' bulk calls 401 or a misleading 404.
    await expect(user.bulkCreate([{ text: 'x' }])).rejects.toMatchObject({ code: 'E_CONFIG' });
  });
});
