import type { ReindexProgress } from '../core/view-engine/view-reindex.js';
import type { CommandIo } from './command.js';
export interface ProgressReporter {
    update(progress: ReindexProgress): void;
    stop(): void;
}
export declare function createProgressReporter(io: CommandIo, label: string): ProgressReporter;
