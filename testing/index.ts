// `sluice/testing`: what view authors import in their tests.
export { viewSpec, specTmpDir, ViewSpec, ViewSpecQuery, type SpecEvent, type ViewSpecOptions, type AnswerCheck } from './view-spec.js';
