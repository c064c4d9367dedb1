export {
  startAppwriteEmulator,
  type AppwriteEmulator,
  type AppwriteEmulatorOptions,
} from './emulator.js';
export type { JwtOptions } from './auth/auth.js';
export type { FaultHandle, FaultSpec, FaultsView } from './control/faults.js';
export type { RequestFilter, RequestLogEntry, RequestLogView } from './control/request-log.js';
export type { WebhookDelivery, WebhookHandle, WebhookSpec, WebhooksView } from './control/webhooks.js';
export { webhookSignature } from './control/webhooks.js';
