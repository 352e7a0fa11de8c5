// The writer's undo log for stream revisions: what a round changed, so a refused append or a failed write can
// put every stream's revision back.
/**
 * Each stream's revision as it was before a round changed it, in the order the changes were made: undoing from the
 * end back to a mark restores the state at that mark (the earliest saved value of a stream is restored last).
 * Two arrays rather than a Map: a round saves one entry per write, and most are never undone.
 */
export class RevisionUndo {
  private readonly streams: string[] = [];
  private readonly values: (number | undefined)[] = [];

  get mark(): number {
    return this.streams.length;
  }

  save(stream: string, revision: number | undefined): void {
    this.streams.push(stream);
    this.values.push(revision);
  }

  undoTo(mark: number, revisions: Map<string, number>): void {
    for (let i = this.streams.length - 1; i >= mark; i--) {
      const revision = this.values[i];
      if (revision === undefined) revisions.delete(this.streams[i]!);
      else revisions.set(this.streams[i]!, revision);
    }
    this.streams.length = this.values.length = mark;
  }
}
