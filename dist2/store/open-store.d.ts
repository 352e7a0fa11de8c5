import type { StoreOptions } from '../core/store-api.js';
import { SluiceStore } from './sluice-store.js';
export declare function openStore(options: StoreOptions): Promise<SluiceStore>;
