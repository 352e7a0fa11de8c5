// tsyringe is imported here and only here; everything else imports the DI primitives from this module.
// The root container is never exported: every store is composed in a child container of its own.
import 'reflect-metadata';
import { container } from 'tsyringe';
import type { DependencyContainer } from 'tsyringe';

export { inject, injectable, Lifecycle, type DependencyContainer, type InjectionToken } from 'tsyringe';

/** A fresh container for one store: registrations in it never leak into another store's. */
export function createStoreContainer(): DependencyContainer {
  return container.createChildContainer();
}
