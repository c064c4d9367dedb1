import { Client } from 'node-appwrite';

/** How the library authenticates against Appwrite: a project API key, or a user's JWT. */
export type AppwriteCredentials = { readonly apiKey: string } | { readonly jwt: string };

/** Connection settings for one node-appwrite client. */
export interface AppwriteClientConfig {
  readonly endpoint: string;
  readonly projectId: string;
  readonly credentials: AppwriteCredentials;
}

/** Builds the node-appwrite client every request of the library goes through. */
export function createAppwriteClient(config: AppwriteClientConfig): Client {
  const client = new Client().setEndpoint(config.endpoint).setProject(config.projectId);
  return 'apiKey' in config.credentials ? client.setKey(config.credentials.apiKey) : client.setJWT(config.credentials.jwt);
}
