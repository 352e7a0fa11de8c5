import type { ViewDefinition } from '../core/view-engine/view-definition.js';
export declare function tagsView(): ViewDefinition;
