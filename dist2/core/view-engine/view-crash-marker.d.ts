/** The kernel's id for this boot, or undefined where there is none (then views commit durably instead). */
export declare function currentBootId(): string | undefined;
/** True when a process of an earlier boot was writing without syncing and never finished cleanly. */
export declare function leftByEarlierBoot(dir: string, bootId: string): boolean;
/**
 * Removes the markers of writers of this boot that died (a process crash keeps the OS's pages, so their views are
 * whole); call after placing this process's own marker, which now covers their unsynced pages until it syncs.
 */
export declare function clearDeadMarkers(dir: string, bootId: string): void;
export declare function clearMarkers(dir: string): void;
/** Writes this process's marker durably, before its first unsynced commit. */
export declare function placeMarker(dir: string, bootId: string): string;
