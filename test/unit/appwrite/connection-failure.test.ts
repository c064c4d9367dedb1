import { AppwriteException } from 'node-appwrite';
import { describe, expect, it } from 'vitest';
import { connectionFailure, displayEndpoint } from '../../../src/appwrite/connection-failure.js';

const endpoint = (): string => 'https://admin:hunter2@appwrite.example.test:8443/v1/?project=x#frag';
const systemError = (code: string, message: string): Error => Object.assign(new Error(message), { code });

describe('connectionFailure', () => {
  it('names the endpoint without credentials, query or fragment', () => {
    const error = connectionFailure(new TypeError('fetch failed', { cause: systemError('ECONNRESET', 'read ECONNRESET') }), endpoint, 'reading row "pen" in table "products"');
    expect(error?.endpoint).toBe('https://appwrite.example.test:8443/v1');
    expect(error?.message).toBe('Lost the connection to Appwrite at https://appwrite.example.test:8443/v1 while reading row "pen" in table "products" (ECONNRESET): read ECONNRESET. The request may have been applied or not.');
    expect(error?.message).not.toContain('hunter2');
    expect(displayEndpoint('not a url')).toBe('(an invalid endpoint)');
    const refused = connectionFailure(new TypeError('fetch failed', { cause: systemError('ECONNREFUSED', 'connect ECONNREFUSED 10.0.0.1:443') }), endpoint, 'x');
    expect(refused?.message).toMatch(/^Could not reach Appwrite at https:\/\/appwrite\.example\.test:8443\/v1 while x \(ECONNREFUSED\)/);
  });

  it("finds the code in an AggregateError's errors and in undici's own errors", () => {
    const aggregate = Object.assign(new AggregateError([systemError('ECONNREFUSED', 'connect ECONNREFUSED ::1:8080')], ''), { code: 'ECONNREFUSED' });
    expect(connectionFailure(new TypeError('fetch failed', { cause: aggregate }), endpoint, 'x')?.message).toContain('(ECONNREFUSED): connect ECONNREFUSED ::1:8080');
    expect(connectionFailure(new TypeError('fetch failed', { cause: systemError('UND_ERR_CONNECT_TIMEOUT', 'Connect Timeout Error') }), endpoint, 'x')?.osCode).toBe('UND_ERR_CONNECT_TIMEOUT');
    const certificate = connectionFailure(new TypeError('fetch failed', { cause: systemError('DEPTH_ZERO_SELF_SIGNED_CERT', 'self-signed certificate') }), endpoint, 'x');
    expect(certificate?.message).toContain('(DEPTH_ZERO_SELF_SIGNED_CERT): self-signed certificate');
  });

  it('leaves answers of Appwrite and errors without a network code alone', () => {
    expect(connectionFailure(new AppwriteException('down', 503, 'general_server_error'), endpoint, 'x')).toBeUndefined();
    expect(connectionFailure(new Error('boom'), endpoint, 'x')).toBeUndefined();
    expect(connectionFailure('fetch failed', endpoint, 'x')).toBeUndefined();
  });
});
