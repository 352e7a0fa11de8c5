// tsyringe is imported here and only here; everything else imports the DI primitives from this module.
import 'reflect-metadata';
export { container, inject, injectable, singleton } from 'tsyringe';
//# sourceMappingURL=di.js.map