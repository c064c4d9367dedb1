import { inspect } from 'node:util';
import { Client } from 'node-appwrite';
import { requestSignal } from './request-deadline.js';

/** How the library authenticates against Appwrite: a project API key, or a user's JWT. */
type AppwriteCredentials = { readonly apiKey: string } | { readonly jwt: string };

/** Connection settings for one node-appwrite client. */
export interface AppwriteClientConfig {
  readonly endpoint: string;
  readonly projectId: string;
  readonly credentials: AppwriteCredentials;
}

type PreparedRequest = ReturnType<Client['prepareRequest']>;

/**
 * node-appwrite's client with two changes: a request sent under `withDeadline` carries its abort signal, and
 * the client renders without its credentials. node-appwrite keeps the API key or JWT in the public fields
 * `config` and `headers`, so `util.inspect`, `console.log` or `JSON.stringify` of anything holding a plain
 * client would print them.
 */
class OrmClient extends Client {
  override prepareRequest(...args: Parameters<Client['prepareRequest']>): PreparedRequest {
    const prepared = super.prepareRequest(...args);
    const signal = requestSignal();
    if (signal !== undefined) (prepared.options as { signal?: AbortSignal }).signal = signal;
    return prepared;
  }

  toJSON(): { endpoint: string; project: string } {
    return { endpoint: this.config.endpoint, project: this.config.project };
  }

  [inspect.custom](): string {
    return `AppwriteClient { endpoint: ${JSON.stringify(this.config.endpoint)}, project: ${JSON.stringify(this.config.project)}, credentials: [hidden] }`;
  }

  override toString(): string {
    return '[AppwriteClient]';
  }
}

/**
 * Builds the node-appwrite client every request of the library goes through: it honours request deadlines
 * and never renders its API key or JWT.
 *
 * @example
 * ```ts
 * const client = createAppwriteClient({ endpoint: 'https://cloud.appwrite.io/v1', projectId: 'shop', credentials: { apiKey } });
 * ```
 */
export function createAppwriteClient(config: AppwriteClientConfig): Client {
  const client = new OrmClient().setEndpoint(config.endpoint).setProject(config.projectId);
  return 'apiKey' in config.credentials ? client.setKey(config.credentials.apiKey) : client.setJWT(config.credentials.jwt);
}
