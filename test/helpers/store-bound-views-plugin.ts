// A plugin module whose view class needs the whole store (TOKENS.Store): the round worker cannot construct it.
import { inject, injectable } from '../../core/di.js';
import type { ApplyContext, ViewDbs } from '../../core/view-engine/view-definition.js';
import type { LogRecord } from '../../core/log/event-log.js';
import { TOKENS } from '../../core/tokens.js';
import { definePlugin } from '../../plugins/define-plugin.js';

@injectable()
class StoreBoundView {
  readonly name = 'bound';
  readonly version = 1;
  readonly dbs = { seen: {} };
  readonly queries = {};

  constructor(@inject(TOKENS.Store) readonly store: unknown) {}

  apply(record: LogRecord, ctx: ApplyContext): void {
    (ctx.dbs as ViewDbs).seen!.put(record.offset, record.type);
  }
}

export default definePlugin({ name: 'store-bound', views: [StoreBoundView] });
