// A store in cluster mode: reads, live tails and views come from this node's local copy (a SluiceStore that only
// the follower writes to); appends go through JetStream (ClusterAppender). Closed in order: stop taking appends,
// stop following, close NATS, then the local store. A soft delete (a tombstone) is an append like any other; erasure
// in place and retention would change only this node's copy, never JetStream's or the other nodes', so they refuse.
import type { NatsConnection } from '@nats-io/transport-node';
import { CommandRegistry } from '../core/commands/command-bus.js';
import type { DependencyContainer } from '../core/di.js';
import { SluiceError } from '../core/errors.js';
import type { AppendResult, ExpectedRevision, NewEvent, Offset, StreamWrite, EventLog } from '../core/log/event-log.js';
import type { ErasureReport } from '../core/log/log-eraser.js';
import type { RetentionPolicy, RetentionReport } from '../core/log/log-retention.js';
import { assertNoTombstones, tombstoneEvent } from '../core/log/tombstone.js';
import type { ConsumerGroups } from '../core/groups/consumer-groups.js';
import type { Store, StreamPage, StreamReadOptions } from '../core/store-api.js';
import type { SluiceViewEngine } from '../core/view-engine/view-engine.js';
import type { SluiceStore } from '../store/sluice-store.js';
import type { ClusterAppender } from './cluster-appender.js';
import type { ClusterMonitor } from './cluster-monitor.js';
import type { JetStreamFollower } from './jetstream-follower.js';

export class ClusterStore implements Store {
  private closing: Promise<void> | undefined;

  constructor(
    private readonly local: SluiceStore,
    private readonly nc: NatsConnection,
    private readonly appender: ClusterAppender,
    private readonly follower: JetStreamFollower,
    readonly cluster: ClusterMonitor,
  ) {
    // The same commands as the local store, but appending through JetStream: their expectedRevision holds cluster-wide.
    this.commands = new CommandRegistry(this, local.commands.declared);
  }

  readonly commands: CommandRegistry;

  get dataDir(): string {
    return this.local.dataDir;
  }

  get log(): EventLog {
    return this.local.log;
  }

  get views(): SluiceViewEngine {
    return this.local.views;
  }

  get container(): DependencyContainer {
    return this.local.container;
  }

  /** Consumer groups live on one node: in cluster mode, run them against a node's own HTTP API (not replicated). */
  get groups(): ConsumerGroups {
    return this.local.groups;
  }

  readStream(stream: string, options?: StreamReadOptions): Promise<StreamPage> {
    return this.local.readStream(stream, options);
  }

  append(stream: string, events: NewEvent | readonly NewEvent[], options?: { expectedRevision?: ExpectedRevision }): Promise<AppendResult> {
    const list: readonly NewEvent[] = Array.isArray(events) ? events : [events as NewEvent];
    return this.appendBatch([{ stream, events: list, expectedRevision: options?.expectedRevision }]);
  }

  appendBatch(writes: readonly StreamWrite[]): Promise<AppendResult> {
    try {
      assertNoTombstones(writes);
    } catch (err) {
      return Promise.reject(err);
    }
    return this.appender.appendBatch(writes);
  }

  /** Soft delete through JetStream, as SluiceStore.deleteStream does locally. */
  async deleteStream(stream: string, options: { expectedRevision?: ExpectedRevision } = {}): Promise<AppendResult> {
    if (this.local.log.streamRevision(stream) === undefined) throw new SluiceError('STREAM_NOT_FOUND', { stream });
    return this.appender.appendBatch([{ stream, events: [tombstoneEvent()], expectedRevision: options.expectedRevision ?? 'exists' }]);
  }

  erase(_offsets: readonly Offset[]): Promise<ErasureReport> {
    return Promise.reject(new SluiceError('LOG_UNSUPPORTED', { operation: 'erasure' }));
  }

  eraseStream(_stream: string): Promise<ErasureReport & { readonly stream: string }> {
    return Promise.reject(new SluiceError('LOG_UNSUPPORTED', { operation: 'erasure' }));
  }

  applyRetention(_policy: RetentionPolicy): Promise<RetentionReport> {
    return Promise.reject(new SluiceError('LOG_UNSUPPORTED', { operation: 'retention' }));
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      try {
        await this.cluster.close();
        await this.follower.close();
        await this.nc.close();
      } finally {
        await this.local.close();
      }
    })();
    return this.closing;
  }
}
