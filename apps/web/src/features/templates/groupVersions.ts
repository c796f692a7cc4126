/** A stored version of a form or template as the lists return it. */
export type VersionRow = { id: string; key: string; version: number; publishedAt: string | null; ownerUnitId: string; ownerName: string; definition?: unknown };

export type VersionGroup<R extends VersionRow> = {
  key: string;
  /** Newest first. Another unit's drafts are left out: they are not its to use yet. */
  versions: R[];
  latest: R;
  latestPublished: R | undefined;
  own: boolean;
};

/** Versions grouped by key, newest version first in each; groups in the order of their keys. */
export function groupVersions<R extends VersionRow>(rows: readonly R[], unitId: string): Array<VersionGroup<R>> {
  const byKey = new Map<string, R[]>();
  for (const row of rows) {
    if (row.ownerUnitId !== unitId && !row.publishedAt) continue;
    byKey.set(row.key, [...(byKey.get(row.key) ?? []), row]);
  }
  return [...byKey.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, list]) => {
      const versions = [...list].sort((a, b) => b.version - a.version);
      const latest = versions[0] as R;
      return { key, versions, latest, latestPublished: versions.find((v) => v.publishedAt), own: latest.ownerUnitId === unitId };
    });
}
