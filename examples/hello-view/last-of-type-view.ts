// A class view: the same contract as `hello`, written as a class that receives the store's services from its
// container. `@injectable()` plus one `@inject(TOKEN)` per constructor parameter; list the class (not an instance)
// in the plugin, and the store constructs it once, in its own container.
//   curl 'localhost:7070/views/last-of-type/get?type=Hello'   ->   the last Hello record, read from the log
import { inject, injectable, TOKENS, type ApplyContext, type EventLog, type LogRecord, type Logger, type QueryContext, type ViewDefinition } from '../../store/index.js'; // in your project: from 'sluice'

@injectable()
export class LastOfTypeView implements ViewDefinition {
  readonly name = 'last-of-type';
  readonly version = 1;
  readonly dbs = { last: {} }; // event type -> offset of its last record
  readonly queries = {
    get: {
      description: 'the last record of a type, read from the log',
      params: { type: 'object', required: ['type'], properties: { type: { type: 'string' } }, additionalProperties: false },
      handler: ({ type }: { type: string }, { dbs }: QueryContext) => {
        const offset = dbs.last!.get(type) as number | undefined;
        return offset === undefined ? null : this.log.readSync(offset);
      },
    },
  };

  constructor(@inject(TOKENS.Log) private readonly log: EventLog, @inject(TOKENS.Logger) private readonly logger: Logger) {}

  apply(record: LogRecord, { dbs }: ApplyContext): void {
    if (dbs.last!.get(record.type) === undefined) this.logger.info({ type: record.type }, `first event of type ${record.type}`);
    dbs.last!.put(record.type, record.offset);
  }
}
