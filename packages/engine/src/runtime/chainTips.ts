/**
 * Hashes of history rows this command has already read with their instance (the row at the
 * instance's version, the one the next event chains to), so applying the event does not read it again.
 * Keyed by instance and seq: history rows never change, so a hash kept here can never be stale, and a
 * read of another version simply finds nothing. Each hash is handed out once, so a command touching
 * many instances keeps nothing it no longer needs.
 */
export class ChainTips {
  private readonly hashes = new Map<string, string>();

  remember(instanceId: string, seq: number, hash: string | null | undefined): void {
    if (hash) this.hashes.set(`${instanceId}#${seq}`, hash);
  }

  take(instanceId: string, seq: number): string | undefined {
    const key = `${instanceId}#${seq}`;
    const hash = this.hashes.get(key);
    this.hashes.delete(key);
    return hash;
  }
}
