import type { StreamWrite } from '../../core/log/event-log.js';
import type { ViewDefinition } from '../../core/view-engine/view-definition.js';
export declare function accountIndex(version?: number, name?: string): ViewDefinition;
export declare function balances(version?: number, name?: string): ViewDefinition;
export declare function total(version?: number, name?: string): ViewDefinition;
export declare function bankViews(version?: number): ViewDefinition[];
/** `n` deterministic events over `accounts` accounts, with a few types and tags, as one-event stream writes. */
export declare function bankWrites(n: number, seed?: number, accounts?: number): StreamWrite[];
