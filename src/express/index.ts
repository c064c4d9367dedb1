export {};
export { cacheStatus, type CacheStatusOptions } from './cache-status.js';
export { cacheAdmin, type CacheAdminOptions } from './cache-admin.js';
export { bearerToken } from './bearer-token.js';
export { appwriteWebhook, type AppwriteWebhookOptions, type WebhookResult } from './appwrite-webhook.js';
export { signWebhook, verifyWebhookSignature, type WebhookSignatureInput } from './webhook-signature.js';
export { tablesNamedByWebhook, type WebhookTableRef } from './webhook-events.js';
export type { ExpressDatabase } from './express-database.js';
export type { CacheStatus, CacheTier } from '../cache/request-context.js';
