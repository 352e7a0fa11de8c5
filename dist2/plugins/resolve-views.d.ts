import type { DependencyContainer } from '../core/di.js';
import { type ViewDefinition } from '../core/view-engine/view-definition.js';
import type { SluicePlugin } from './define-plugin.js';
export declare function resolveViews(plugins: readonly SluicePlugin[], container: DependencyContainer): ViewDefinition[];
