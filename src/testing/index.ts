export {
  startAppwriteEmulator,
  type AppwriteEmulator,
  type AppwriteEmulatorOptions,
} from './emulator.js';
export type { JwtOptions } from './auth.js';
export type { FaultHandle, FaultSpec, FaultsView } from './faults.js';
export type { RequestFilter, RequestLogEntry, RequestLogView } from './request-log.js';
export type { WebhookDelivery, WebhookHandle, WebhookSpec, WebhooksView } from './webhooks.js';
export { webhookSignature } from './webhooks.js';
