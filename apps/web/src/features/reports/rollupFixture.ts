import { dailyReportForm, aggregatedFields } from '@cascade/forms';
import type { Rollup } from './rollupView';

/** A county's roll-up as the server sends it: two townships, one with a late and a missing grid. */
export const countyRollup: Rollup = {
  unit: { id: '00000000-0000-4000-8000-000000000001', name: '锦江区', level: 'county', code: '510104', path: '51/5101/510104' },
  ancestors: [{ id: '00000000-0000-4000-8000-000000000001', name: '锦江区', level: 'county' }],
  fields: aggregatedFields(dailyReportForm),
  expected: 6,
  received: 5,
  late: 1,
  missing: 1,
  returned: 0,
  aggregates: { householdsScreened: 75, personsScreened: 210, returnees: 4, homeIsolation: 1, feverCases: 0, vaccinationRate: 82.5, anomaly: 5 },
  children: [
    {
      unitId: '00000000-0000-4000-8000-000000000017',
      code: '510104017',
      name: '锦官驿街道',
      level: 'township',
      expected: 4,
      received: 3,
      late: 1,
      missing: 1,
      returned: 0,
      aggregates: { householdsScreened: 45, personsScreened: 130, returnees: 3, homeIsolation: 1, feverCases: 0, vaccinationRate: 80, anomaly: 3 },
    },
    {
      unitId: '00000000-0000-4000-8000-000000000018',
      code: '510104018',
      name: '东湖街道',
      level: 'township',
      expected: 2,
      received: 2,
      late: 0,
      missing: 0,
      returned: 0,
      aggregates: { householdsScreened: 30, personsScreened: 80, returnees: 1, homeIsolation: 0, feverCases: 0, vaccinationRate: 86.25, anomaly: 2 },
    },
  ],
  missingUnits: [{ unitId: '00000000-0000-4000-8000-000000000099', code: '510104017001003', name: '水井坊社区第3网格', path: '51/5101/510104/510104017/510104017001/510104017001003' }],
};
