import 'reflect-metadata';
export { container, inject, injectable, singleton, type DependencyContainer, type InjectionToken } from 'tsyringe';
