import type { Dispatcher } from './dispatch.js';
import type { RouteDefinition } from './routes/route.js';

/** What `appwrite-orm/testing/msw` needs of a running emulator to answer with its routes. */
export interface EmulatorRouting {
  readonly dispatcher: Dispatcher;
  readonly routes: readonly RouteDefinition[];
}

// A registered symbol: the ESM and CommonJS builds of both entries find the same key.
const ROUTING = Symbol.for('appwrite-orm.testing.routing');

/**
 * Keeps the emulator's dispatcher and routes on it under a symbol, out of its public type and of its
 * enumerable keys.
 *
 * @example
 * ```ts
 * const emu = attachRouting({ endpoint }, { dispatcher, routes });
 * ```
 */
export function attachRouting<T extends object>(emulator: T, routing: EmulatorRouting): T {
  Object.defineProperty(emulator, ROUTING, { value: routing });
  return emulator;
}

/**
 * The dispatcher and routes kept on an emulator; undefined for any other object.
 *
 * @example
 * ```ts
 * const routing = routingOf(emu);
 * ```
 */
export function routingOf(emulator: object): EmulatorRouting | undefined {
  return (emulator as { readonly [ROUTING]?: EmulatorRouting })[ROUTING];
}
