import type { LocalizedText } from '@cascade/forms';
import { LEVEL_NAMES, type Level } from '@cascade/workflow';

export function levelOptions(levels: readonly Level[], text: (v: LocalizedText) => string) {
  return levels.map((l) => ({ value: l, label: text(LEVEL_NAMES[l]) }));
}
