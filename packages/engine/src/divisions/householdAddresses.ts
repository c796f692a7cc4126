import { randomInt } from './seededRandom.js';

/** The committee suffixes of NBS village names; the grid is named after the place, not the committee. */
const COMMITTEE_SUFFIX = /(社区居民委员会|社区居委会|居民委员会|村民委员会|居委会|村委会)$/;
const RURAL = /(村民委员会|村委会)$/;

export function villageShortName(name: string): string {
  return name.replace(COMMITTEE_SUFFIX, '') || name;
}

/**
 * `count` distinct, plausible addresses for the households of one grid, drawn from `random`: in a
 * community, consecutive flats of a run of residential buildings (`3栋2单元501`: building, stairwell,
 * floor and door); in a village, houses of its villager groups (`4组17号`). The layout — first
 * building, stairwells, floors, flats per floor — is drawn per grid, so seeds differ visibly.
 */
export function householdAddresses(villageName: string, count: number, random: () => number): string[] {
  const names: string[] = [];
  if (RURAL.test(villageName)) {
    const firstGroup = randomInt(random, 1, 8);
    const perGroup = randomInt(random, 20, 60);
    for (let k = 0; k < count; k++) names.push(`${firstGroup + Math.floor(k / perGroup)}组${(k % perGroup) + 1}号`);
    return names;
  }
  const firstBuilding = randomInt(random, 1, 30);
  const stairwells = randomInt(random, 1, 4);
  const floors = randomInt(random, 6, 33);
  const doors = randomInt(random, 2, 4);
  const perStairwell = floors * doors;
  // Start somewhere up the first stairwell, so grids do not all begin at 101.
  const offset = randomInt(random, 0, perStairwell - 1);
  for (let k = offset; k < offset + count; k++) {
    const building = firstBuilding + Math.floor(k / (stairwells * perStairwell));
    const stairwell = (Math.floor(k / perStairwell) % stairwells) + 1;
    const floor = (Math.floor(k / doors) % floors) + 1;
    const door = (k % doors) + 1;
    names.push(`${building}栋${stairwell}单元${floor}${String(door).padStart(2, '0')}`);
  }
  return names;
}
