import { type ViewDefinition } from '../../store/index.js';
export declare function statementsView(): ViewDefinition;
